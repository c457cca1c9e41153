export * from './file-lock.ts';
export * from './file-log.ts';
export * from './fold-stream.ts';
