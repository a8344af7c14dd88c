import { kafkaBrokers } from '@cityloop/testing';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const RUN = process.env.CITYLOOP_RUN ?? join(ROOT, '.run');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The suite's broker, the one deploy/kafka/kafka.sh started (npm run test:faults starts it): a test
 * may kill it and start it again on the same port and data. A broker the suite did not start (an
 * outside KAFKA_BROKERS) cannot be killed from here, and the test says so.
 */
export class LocalBroker {
  private constructor(
    readonly port: number,
    private readonly pidfile: string,
  ) {}

  static ofSuite(): LocalBroker {
    const port = Number(kafkaBrokers()[0].split(':').pop());
    const pidfile = join(RUN, `kafka-${port}.pid`);
    if (!existsSync(pidfile))
      throw new Error(
        `no ${pidfile}: the broker fault needs the broker deploy/kafka/kafka.sh started; run it through \`npm run test:faults\` with KAFKA_BROKERS unset`,
      );
    return new LocalBroker(port, pidfile);
  }

  get pid(): number {
    return Number(readFileSync(this.pidfile, 'utf8').trim());
  }

  /** SIGKILL: no shutdown, no flush, no leaving of groups. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const pid = this.pid;
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Starts it again on the same port and data; resolves when it answers. */
  async start(): Promise<void> {
    await promisify(execFile)('bash', [join(ROOT, 'deploy', 'kafka', 'kafka.sh'), 'start'], {
      env: { ...process.env, KAFKA_PORT: String(this.port), CITYLOOP_RUN: RUN },
    });
  }
}
