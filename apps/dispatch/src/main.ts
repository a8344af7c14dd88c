import { runService } from '@cityloop/service-kit';
import { DispatchModule } from './dispatch.module';

void runService('dispatch', (config) => DispatchModule.register(config), {
  title: 'Cityloop dispatch',
  description:
    'Dispatch (任务派遣): dispatch to departments with deadlines, returns, extensions, escalation, postponement',
});
