import { runService } from '@cityloop/service-kit';
import { IntakeModule } from './intake.module';
import { open311Mount } from './open311/open311.mount';

void runService('intake', (config) => IntakeModule.register(config), {
  title: 'Cityloop intake',
  description:
    'Reports from 12345 operators and grid patrollers, filing, duplicates, caller follow-up, Open311',
  protocols: [open311Mount],
});
