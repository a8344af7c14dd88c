export * from './event-store';
export * from './event-store.errors';
export * from './event-store.migration';
export * from './global-position';
export * from './deterministic-uuid';
export * from './sql';
export * from './database-unavailable';
export * from './group-commit';
