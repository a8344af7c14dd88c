import { EventStore, type MigrationClass } from '@cityloop/event-store';
import { createKafka, createProducer } from '@cityloop/messaging';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { AuthGuard } from './auth/auth.guard';
import { Tokens } from './auth/tokens';
import { dataSourceOptions, openDatabase } from './database';
import { DistrictReference, demoPackPath } from './district/district-reference';
import { EventConsumers } from './event-consumers';
import { HealthController } from './health.controller';
import { KafkaConnections } from './kafka-connections';
import { MetricsController } from './metrics.controller';
import { IdentityRateLimitGuard } from './rate-limits/identity-rate-limit.guard';
import { RelayRunner } from './relay-runner';
import type { ServiceConfig } from './service-config';
import { ServiceMetrics } from './service-metrics';
import { EVENT_STORE, KAFKA, KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

export interface ServiceKitOptions {
  config: ServiceConfig;
  /** The service's migrations, in order (its event store or inbox tables, then its own). */
  migrations: MigrationClass[];
}

/**
 * What every Cityloop service stands on: its Postgres schema (migrated at start), Kafka with its
 * topics and producer, CQRS buses, /health and /metrics, and, for the services that publish, the
 * event store and its outbox relay.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static register({ config, migrations }: ServiceKitOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      ServiceMetrics,
      {
        provide: KAFKA,
        useFactory: () =>
          createKafka({ brokers: config.kafkaBrokers, clientId: `cityloop-${config.service}` }),
      },
      { provide: KAFKA_PRODUCER, useFactory: (kafka: Kafka) => createProducer(kafka), inject: [KAFKA] },
      KafkaConnections,
      EventConsumers,
      { provide: Tokens, useFactory: () => new Tokens(config.jwtSecret) },
      {
        provide: DistrictReference,
        useFactory: () => DistrictReference.load(config.districtPackPath || demoPackPath()),
      },
      // In this order: who calls, then whether that caller is past its rate limit.
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: IdentityRateLimitGuard },
    ];
    if (config.publishes) {
      providers.push(
        {
          provide: EVENT_STORE,
          useFactory: (dataSource: DataSource) =>
            new EventStore(dataSource, config.schema, config.service as never),
          inject: [getDataSourceToken()],
        },
        RelayRunner,
      );
    }
    return {
      module: ServiceKitModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config, migrations),
          dataSourceFactory: (options) => openDatabase(options!, config),
        }),
        CqrsModule.forRoot(),
      ],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [
        EventConsumers,
        Tokens,
        DistrictReference,
        SERVICE_CONFIG,
        KAFKA,
        KAFKA_PRODUCER,
        ServiceMetrics,
        TypeOrmModule,
        CqrsModule,
        ...(config.publishes ? [EVENT_STORE] : []),
      ],
    };
  }
}
