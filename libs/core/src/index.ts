export * from './registry/types.ts';
export * from './events/change-event.ts';
export type { Dialect } from './sql/dialect.ts';
export * from './diff/index.ts';
export * from './registry/index.ts';
export * from './parsing/index.ts';
export * from './arquero/index.ts';
export * from './sql/index.ts';
export * from './quality/index.ts';
