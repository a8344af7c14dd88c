import { runService } from '@cityloop/service-kit';
import { VerificationModule } from './verification.module';

void runService('verification', (config) => VerificationModule.register(config), {
  title: 'Cityloop verification',
  description: 'Verification (核查结案): on-site checks by grid patrollers, closure or rework',
});
