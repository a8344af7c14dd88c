export * from './rate-limiter';
export * from './rate-limited.error';
export * from './identity-rate-limit.guard';
