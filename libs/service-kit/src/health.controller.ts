import { Public } from './auth/auth.decorators';
import { Controller, Get, Inject, Optional, Res, type OnApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Admin, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { RelayRunner } from './relay-runner';
import type { ServiceConfig } from './service-config';
import { KAFKA, SERVICE_CONFIG } from './tokens';

interface Check {
  status: 'up' | 'down';
  error?: string;
  [detail: string]: unknown;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /health: 200 only when this service's Postgres and Kafka both answer; the body names each check. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Optional() private readonly relayRunner?: RelayRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Kafka reachable' })
  async health(@Res() response: Response): Promise<void> {
    const [postgres, kafka] = await Promise.all([this.checkPostgres(), this.checkKafka()]);
    const checks: Record<string, Check> = { postgres, kafka };
    const up = postgres.status === 'up' && kafka.status === 'up';
    const body: Record<string, unknown> = {
      status: up ? 'ok' : 'unavailable',
      service: this.config.service,
      checks,
    };
    if (this.relayRunner) body.relay = this.relayRunner.relay.active ? 'active' : 'standby';
    response.status(up ? 200 : 503).json(body);
  }

  private async checkPostgres(): Promise<Check> {
    try {
      await within(2000, this.dataSource.query('SELECT 1'));
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }

  private async checkKafka(): Promise<Check> {
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin({ retry: { retries: 0 } });
        await within(2000, this.admin.connect());
      }
      const cluster = await within(2000, this.admin.describeCluster());
      return { status: 'up', brokers: cluster.brokers.length };
    } catch (error) {
      const admin = this.admin;
      this.admin = null;
      await admin?.disconnect().catch(() => undefined);
      return { status: 'down', error: (error as Error).message };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
