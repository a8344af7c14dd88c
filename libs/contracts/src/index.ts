export * from './topics';
export * from './event-envelope';
export * from './case-reported.event';
export * from './event-catalogue';
export * from './parse-envelope';
