export * from './case-briefs';
export * from './case-briefs.migration';
