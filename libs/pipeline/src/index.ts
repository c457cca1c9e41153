export * from './ports/index.ts';
export * from './changes/index.ts';
export * from './api/index.ts';
export * from './run/index.ts';
export { decodeToUtf8, isValidUtf8File, readFirstLine } from './silver/decode.ts';
export { placeholderTallyBySql } from './silver/sql-tally.ts';
export * from './extract/index.ts';
export * from './quality/index.ts';
