export * from './case-projection';
export * from './case-record';
export * from './case-status';
export * from './fold-case';
export * from './migrations';
export * from './timeline-entry';
export * from './rebuild';
export * from './checksum';
