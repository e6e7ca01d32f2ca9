export * from './source-item';
export * from './work-item';
export * from './program';
export * from './evaluation';
