export * from './fault-point';
export * from './kafka-client';
export * from './topics-admin';
export * from './outbox-relay';
export * from './event-consumer';
export * from './consumer-inbox.migration';
export * from './wake-signal';
export * from './correlation-context';
