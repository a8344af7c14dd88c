export * from './test-database';
export * from './kafka-helpers';
export * from './wait-for';
export * from './sample-events';
export * from './test-schema';
export * from './case-story';
