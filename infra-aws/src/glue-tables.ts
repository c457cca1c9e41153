import { listDatasets, listGoldTables, silverColumns, type DatasetDefinition } from '@matriz/core';
import { glueTableShape, type GlueTableShape } from '@matriz/runtime-aws';

/**
 * The columns of a dataset's silver table that hold personal data (any registry column with a
 * `pii` handling that reaches silver: masked or pseudonymised values). Analysts never get them.
 */
export function personalDataColumns(def: DatasetDefinition): string[] {
  return silverColumns(def)
    .filter((c) => c.spec?.pii !== undefined && c.spec.pii !== 'drop')
    .map((c) => c.name)
    .sort();
}

/** The Glue table of every dataset's silver table, from the core registry (never hand-written). */
export function silverTableShapes(bucket: string, databasePrefix: string): GlueTableShape[] {
  return listDatasets().map((def) =>
    glueTableShape(
      {
        layer: 'silver',
        name: def.id,
        location: `s3://${bucket}/silver/${def.id}`,
        columns: silverColumns(def).map((c) => ({
          name: c.name,
          type: c.type,
          ...(c.scale === undefined ? {} : { scale: c.scale }),
          description: c.description,
        })),
        partitions: ['data_date'],
        description: def.title,
      },
      databasePrefix,
    ),
  );
}

/**
 * The Glue table of every gold table, from the core's gold definitions. The Athena warehouse
 * repoints `location` at each rebuild, so the program ignores later changes to it.
 */
export function goldTableShapes(bucket: string, databasePrefix: string): GlueTableShape[] {
  return listGoldTables().map((table) =>
    glueTableShape(
      {
        layer: 'gold',
        name: table.name,
        location: `s3://${bucket}/gold/${table.name}`,
        columns: table.columns.map((c) => ({
          name: c.name,
          type: c.type,
          ...(c.scale === undefined ? {} : { scale: c.scale }),
          description: c.description,
        })),
        partitions: [],
        description: table.description,
      },
      databasePrefix,
    ),
  );
}
