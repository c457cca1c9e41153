/**
 * What the quality modules use from the rest of the core, in one place (the lint rule keeps
 * imports within one folder level).
 */
export { UF_CODES } from '../registry/codes.ts';
export { silverColumns } from '../registry/index.ts';
export type { Cadence, DatasetDefinition, DatasetId } from '../registry/types.ts';
export type { SqlDialect, TableResolver } from '../sql/dialects/types.ts';
export { foldLabel, foldLabelSql } from '../sql/values.ts';
