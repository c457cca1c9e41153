export { createDuckDbEngine, duckString, ReadOnlySqlError } from './engine.ts';
export type { DuckDbEngine, DuckDbOptions } from './engine.ts';
export { plainRow, plainValue } from './values.ts';
