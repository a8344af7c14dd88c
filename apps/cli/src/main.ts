import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { importCommand } from './import/import.command';
import { buildPackCommand } from './pack/build-pack.command';
import { rebuildCommand } from './rebuild/rebuild.command';
import { simulateCommand } from './simulate/simulate.command';
import { CliUsageError, issueToken } from './token/issue-token.command';

const COMMANDS: Record<string, (args: string[]) => Promise<string> | string> = {
  token: (args) => issueToken(args),
  'build-pack': (args) => buildPackCommand(args, (line) => process.stderr.write(`${line}\n`)),
  simulate: (args) => simulateCommand(args, (line) => process.stderr.write(`${line}\n`)),
  rebuild: (args) => rebuildCommand(args, (text) => process.stderr.write(text)),
  import: (args) => importCommand(args, (text) => process.stderr.write(text)),
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new CliUsageError(`usage: cli <${Object.keys(COMMANDS).join('|')}> ...`);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    // The result alone on the last line of stdout, for scripts: TOKEN=$(npm run -s token -- chief)
    process.stdout.write(`${await command(args)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof CliUsageError ? 64 : 1);
});
