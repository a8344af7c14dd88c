import { currentCorrelationId } from '@cityloop/messaging';
import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from './service-config';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON object per line on stdout, with the correlation id of the request or event at hand. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
  ) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const stack = context !== undefined ? stackOrContext : undefined;
    this.write('error', message, context ?? stackOrContext, stack);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  private write(level: LogLevel, message: unknown, context?: string, stack?: string): void {
    if (RANK[level] < RANK[this.level]) return;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      correlationId: currentCorrelationId(),
      msg: message instanceof Error ? message.message : message,
    };
    if (stack) line.stack = stack;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
