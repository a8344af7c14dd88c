import { runService } from '@cityloop/service-kit';
import { DisposalModule } from './disposal.module';

void runService('disposal', (config) => DisposalModule.register(config), {
  title: 'Cityloop disposal',
  description:
    "Disposal (任务处理, 处理反馈): the departments' inbox, sign, return, extension requests, report-back with evidence",
});
