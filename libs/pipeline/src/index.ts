export * from './ports/index.ts';
export * from './changes/index.ts';
export * from './api/index.ts';
