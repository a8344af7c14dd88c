// Payload classes carry class-validator decorators, which need the metadata polyfill loaded first.
import 'reflect-metadata';
export * from './topics';
export * from './event-envelope';
export * from './case-reported.event';
export * from './event-catalogue';
export * from './parse-envelope';
