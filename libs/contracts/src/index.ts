export * from './topics';
export * from './identity';
export * from './event-envelope';
export * from './case-reported.event';
export * from './event-catalogue';
export * from './parse-envelope';
