export * from './dialects/index.ts';
export { SqlGenerationError, type SqlErrorCode } from './errors.ts';
export {
  foldLabelSql,
  maskedOrEmptyDocumentSql,
  placeholderReason,
  valueSql,
  type ValueContext,
  type ValueSql,
} from './values.ts';
export {
  headerMappingFrom,
  PLACEHOLDER_PREFIX,
  placeholderColumns,
  placeholderCombinationsSql,
  quarantineProjectionSql,
  RAW_PREFIX,
  reconciliationSql,
  REJECT_REASON_COLUMN,
  REJECTED_COLUMN,
  silverProjectionSql,
  stagedSelectSql,
  tallyPlaceholders,
  type HeaderMapping,
  type PlaceholderCount,
  type ReconciliationRelations,
  type SilverProjectionOptions,
  type StagedOptions,
} from './silver.ts';
export { goldTable, listGoldTables, type GoldColumn, type GoldTable } from './gold/index.ts';
