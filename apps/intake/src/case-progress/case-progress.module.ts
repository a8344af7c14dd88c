import { Module } from '@nestjs/common';
import { CaseProgress } from './case-progress';
import { CaseProgressProjector } from './case-progress.projector';

/** How each case is going in the other services, kept in intake's own table (case_progress). */
@Module({
  providers: [CaseProgress, CaseProgressProjector],
  exports: [CaseProgress],
})
export class CaseProgressModule {}
