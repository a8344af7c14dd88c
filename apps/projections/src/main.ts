import { runService } from '@cityloop/service-kit';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ProjectionsModule } from './projections.module';

/** apps/projections/web (the command centre's page), found from src or dist. */
function webRoot(from: string = __dirname): string | undefined {
  for (let dir = resolve(from); dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'projections', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

void runService('projections', (config) => ProjectionsModule.register(config), {
  title: 'Cityloop projections',
  description: 'Read models, metrics, the quarterly evaluation and the command centre',
  webRoot: webRoot(),
  gatewayTo: ['intake', 'dispatch', 'disposal', 'verification'],
});
