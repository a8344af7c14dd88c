import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The Prometheus registry of one service process, served at GET /metrics. */
@Injectable()
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly eventsPublished = new Counter({
    name: 'cityloop_events_published_total',
    help: 'Events the outbox relay published to Kafka',
    registers: [this.registry],
  });
  readonly eventsConsumed = new Counter({
    name: 'cityloop_events_consumed_total',
    help: "Events applied by this service's consumers",
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly redeliveries = new Counter({
    name: 'cityloop_events_redelivered_total',
    help: 'Events delivered again after they were applied (dropped by the consumed-event record)',
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'cityloop_dead_letters_total',
    help: 'Records sent to a dead-letter topic',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'cityloop_http_request_duration_seconds',
    help: 'HTTP request durations',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
