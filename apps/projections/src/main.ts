import { runService } from '@cityloop/service-kit';
import { ProjectionsModule } from './projections.module';

void runService('projections', (config) => ProjectionsModule.register(config), {
  title: 'Cityloop projections',
  description: 'Read models, metrics, the quarterly evaluation and the command centre',
});
