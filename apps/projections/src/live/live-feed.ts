import { CASE_CHANGED_CHANNEL, type CaseChange } from '@cityloop/read-models';
import { SERVICE_CONFIG, type ServiceConfig } from '@cityloop/service-kit';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { Subject, type Observable } from 'rxjs';

/**
 * The case changes the read model committed, as they commit: the projection NOTIFYs inside its
 * transaction, so a change is heard only once committed, and in commit order. One LISTEN
 * connection per process feeds every live client; it reconnects by itself.
 */
@Injectable()
export class LiveFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly subject = new Subject<CaseChange>();
  /** Emits once when the process shuts down: every live stream ends, so the server can close. */
  readonly stopping = new Subject<void>();
  private client: Client | null = null;
  private stopped = false;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  get changes(): Observable<CaseChange> {
    return this.subject.asObservable();
  }

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stopping.next();
    this.stopping.complete();
    this.subject.complete();
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'cityloop-projections-live',
    });
    client.on('notification', (message) => {
      if (message.channel !== CASE_CHANGED_CHANNEL || !message.payload) return;
      try {
        this.subject.next(JSON.parse(message.payload) as CaseChange);
      } catch (error) {
        this.logger.warn(`unreadable change: ${(error as Error).message}`);
      }
    });
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CASE_CHANGED_CHANNEL}`);
    this.client = client;
  }

  private reconnect(client: Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.logger.warn(`live feed lost its connection (${error.message}); reconnecting`);
    const retry = (delay: number) =>
      setTimeout(() => {
        if (this.stopped) return;
        this.listen().catch(() => retry(Math.min(delay * 2, 10_000)));
      }, delay);
    retry(500);
  }
}
