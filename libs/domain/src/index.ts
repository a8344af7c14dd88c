export * from './domain-error';
export * from './calendar';
export * from './district';
export * from './evaluation';
