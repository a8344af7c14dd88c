export * from './evaluation-scheme';
export * from './scoring';
