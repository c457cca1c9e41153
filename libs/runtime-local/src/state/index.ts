export * from './atomic-write.ts';
export * from './fs-state-store.ts';
