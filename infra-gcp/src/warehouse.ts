import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import {
  CATALOG_COLUMNS,
  CATALOG_TABLE,
  bigQueryFields,
  type BigQueryTableDefinition,
} from '@matriz/runtime-gcp';

export const WAREHOUSE_LAYERS = ['silver', 'gold', 'quality'] as const;
export type WarehouseLayer = (typeof WAREHOUSE_LAYERS)[number];

export interface WarehouseArgs {
  readonly location: string;
  /** `matriz` gives `matriz_silver`, `matriz_gold`, `matriz_quality`. */
  readonly datasetPrefix: string;
  /** Tables derived from the core registry (silver per dataset, gold definitions). */
  readonly tables: readonly BigQueryTableDefinition[];
  readonly forceDestroy: boolean;
}

/**
 * BigQuery datasets for silver, gold and quality, and the tables whose schema comes from the
 * core registry (so a column added in code and in the warehouse cannot disagree). Silver tables
 * are partitioned by day on `data_date` and clustered on the business key; gold tables are
 * partitioned or clustered only where their definition asks.
 */
export class Warehouse extends pulumi.ComponentResource {
  readonly datasets: Readonly<Record<WarehouseLayer, gcp.bigquery.Dataset>>;
  readonly tables: readonly gcp.bigquery.Table[];

  constructor(name: string, args: WarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:Warehouse', name, {}, opts);

    const datasets = {} as Record<WarehouseLayer, gcp.bigquery.Dataset>;
    for (const layer of WAREHOUSE_LAYERS) {
      datasets[layer] = new gcp.bigquery.Dataset(
        `${name}-${layer}`,
        {
          datasetId: `${args.datasetPrefix}_${layer}`,
          location: args.location,
          description: `Matriz ${layer} layer (ANEEL generation open data).`,
          deleteContentsOnDestroy: args.forceDestroy,
          labels: { layer, app: 'matriz' },
        },
        { parent: this },
      );
    }
    this.datasets = datasets;

    const catalog: BigQueryTableDefinition = {
      layer: 'quality',
      table: CATALOG_TABLE,
      description: 'Catalog entries the pipeline commits at the end of each run.',
      fields: bigQueryFields(CATALOG_COLUMNS),
      layout: {},
    };
    this.tables = [...args.tables, catalog].map(
      (t) =>
        new gcp.bigquery.Table(
          `${name}-${t.layer}-${t.table.replaceAll('_', '-')}`,
          {
            datasetId: datasets[t.layer].datasetId,
            tableId: t.table,
            description: t.description,
            schema: JSON.stringify(t.fields),
            ...(t.layout.partitionBy
              ? { timePartitioning: { type: 'DAY', field: t.layout.partitionBy } }
              : {}),
            ...(t.layout.clusterBy ? { clusterings: [...t.layout.clusterBy] } : {}),
            deletionProtection: !args.forceDestroy,
            labels: { layer: t.layer, app: 'matriz' },
          },
          { parent: this },
        ),
    );

    this.registerOutputs({ datasetIds: WAREHOUSE_LAYERS.map((l) => datasets[l].datasetId) });
  }
}
