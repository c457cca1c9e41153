// What the SQL generators use from the registry, re-exported so nested folders import it without
// climbing two levels (the lint rule reserves `../../` for other projects).
export {
  DATA_DATE_COLUMN,
  PRIMARY_ROW_COLUMN,
  SOURCE_ROW_COLUMN,
  type ColumnSpec,
  type DatasetDefinition,
  type DatasetId,
  type SilverType,
} from '../registry/types.ts';
