export * from './principal';
export * from './tokens';
export * from './auth.decorators';
export * from './auth.guard';
export * from './business-time';
