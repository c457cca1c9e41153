import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { DatasetDefinition } from '@matriz/core';
import { glueDatabaseName, type GlueTableShape } from '@matriz/runtime-aws';

import { personalDataColumns } from '../glue-tables.ts';

/** Arguments of {@link Governance}. */
export interface GovernanceArgs {
  readonly databasePrefix: string;
  readonly buckets: {
    readonly bronze: aws.s3.Bucket;
    readonly silver: aws.s3.Bucket;
    readonly gold: aws.s3.Bucket;
  };
  /** Silver and gold Glue tables, derived from the core registry. */
  readonly silverTables: readonly GlueTableShape[];
  readonly goldTables: readonly GlueTableShape[];
  /** The datasets behind the silver tables (for their personal-data columns). */
  readonly datasets: readonly DatasetDefinition[];
  /** Role ARNs of the pipeline functions. */
  readonly pipeline: {
    readonly extract: pulumi.Input<string>;
    readonly transform: pulumi.Input<string>;
    readonly api: pulumi.Input<string>;
  };
  /** IAM principals of analysts (and BI tools): SELECT on silver (minus personal data) and gold. */
  readonly analysts: readonly string[];
}

type Layer = 'bronze' | 'silver' | 'gold';
const LAYERS: readonly Layer[] = ['bronze', 'silver', 'gold'];
/** Databases: one per layer, plus quarantine (rejected rows, kept in the bronze bucket). */
type DatabaseLayer = Layer | 'quarantine';
const DATABASE_LAYERS: readonly DatabaseLayer[] = [...LAYERS, 'quarantine'];
const bucketOf = (layer: DatabaseLayer): Layer => (layer === 'quarantine' ? 'bronze' : layer);

/** Checks that every silver table has a dataset and no gold table shadows another. */
export function checkGovernanceTables(
  silver: readonly GlueTableShape[],
  datasets: readonly DatasetDefinition[],
  gold: readonly GlueTableShape[],
): void {
  const ids = new Set(datasets.map((d) => d.id as string));
  const orphan = silver.filter((t) => !ids.has(t.name)).map((t) => t.name);
  if (orphan.length > 0) {
    throw new Error(
      `Silver tables \`${orphan.sort().join(', ')}\` have no dataset definition; derive them from the registry.`,
    );
  }
  const names = gold.map((t) => t.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0)
    throw new Error(`Gold table \`${twice[0]}\` is defined twice; give each gold table one name.`);
}

/** Converts a neutral table shape into the Pulumi Glue table arguments. */
function catalogTableArgs(
  shape: GlueTableShape,
  database: pulumi.Input<string>,
): aws.glue.CatalogTableArgs {
  return {
    databaseName: database,
    name: shape.name,
    description: shape.description,
    tableType: 'EXTERNAL_TABLE',
    parameters: { ...shape.parameters },
    partitionKeys: shape.partitionKeys.map((c) => ({ ...c })),
    storageDescriptor: {
      location: shape.location,
      inputFormat: shape.inputFormat,
      outputFormat: shape.outputFormat,
      serDeInfo: { serializationLibrary: shape.serializationLibrary },
      columns: shape.columns.map((c) => ({ ...c })),
    },
  };
}

/**
 * Lake Formation governance: the bronze, silver and gold S3 locations registered; one Glue
 * database per layer; silver and gold Glue tables generated from the core registry; and grants:
 * only the pipeline touches bronze; analysts read gold, and silver without personal-data columns
 * (column-level grants excluding every registry column marked `pii`).
 */
export class Governance extends pulumi.ComponentResource {
  readonly databases: Readonly<Record<DatabaseLayer, aws.glue.CatalogDatabase>>;
  readonly tables: readonly aws.glue.CatalogTable[];
  readonly grants: readonly aws.lakeformation.Permissions[];

  constructor(name: string, args: GovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Governance', name, {}, opts);
    checkGovernanceTables(args.silverTables, args.datasets, args.goldTables);
    const parent = { parent: this };

    const locations = LAYERS.map(
      (layer) =>
        new aws.lakeformation.Resource(
          `${name}-location-${layer}`,
          { arn: args.buckets[layer].arn, useServiceLinkedRole: true },
          parent,
        ),
    );

    const databases = {} as Record<DatabaseLayer, aws.glue.CatalogDatabase>;
    for (const layer of DATABASE_LAYERS) {
      databases[layer] = new aws.glue.CatalogDatabase(
        `${name}-db-${layer}`,
        {
          name: glueDatabaseName(layer, args.databasePrefix),
          description: `Matriz ${layer} layer.`,
          locationUri: pulumi.interpolate`s3://${args.buckets[bucketOf(layer)].bucket}/${layer}/`,
        },
        parent,
      );
    }
    this.databases = databases;

    const tables: aws.glue.CatalogTable[] = [];
    for (const shape of args.silverTables) {
      // The silver step's GlueCatalog upsert adds run metadata to the parameters.
      tables.push(
        new aws.glue.CatalogTable(
          `${name}-silver-${shape.name}`,
          catalogTableArgs(shape, databases.silver.name),
          {
            parent: this,
            ignoreChanges: ['parameters'],
          },
        ),
      );
    }
    for (const shape of args.goldTables) {
      // The Athena warehouse repoints each gold table at its newest CTAS location.
      tables.push(
        new aws.glue.CatalogTable(
          `${name}-gold-${shape.name}`,
          catalogTableArgs(shape, databases.gold.name),
          {
            parent: this,
            ignoreChanges: ['parameters', 'storageDescriptor'],
          },
        ),
      );
    }
    this.tables = tables;

    const grants: aws.lakeformation.Permissions[] = [];
    const grant = (
      id: string,
      grantArgs: aws.lakeformation.PermissionsArgs,
      dependsOn: pulumi.Resource[],
    ) => {
      const g = new aws.lakeformation.Permissions(`${name}-${id}`, grantArgs, {
        parent: this,
        dependsOn,
      });
      grants.push(g);
      return g;
    };

    // Pipeline roles: data locations and databases per the layers they write.
    const pipelineLayers: [keyof GovernanceArgs['pipeline'], DatabaseLayer[], boolean][] = [
      ['extract', ['bronze'], true],
      ['transform', ['bronze', 'silver', 'gold', 'quarantine'], true],
      ['api', ['silver', 'gold'], false],
    ];
    for (const [role, layers, writes] of pipelineLayers) {
      for (const layer of layers) {
        const i = LAYERS.indexOf(bucketOf(layer));
        if (writes && layer !== 'quarantine') {
          grant(
            `${role}-location-${layer}`,
            {
              principal: args.pipeline[role],
              permissions: ['DATA_LOCATION_ACCESS'],
              dataLocation: { arn: args.buckets[bucketOf(layer)].arn },
            },
            [locations[i] as aws.lakeformation.Resource],
          );
        }
        grant(
          `${role}-db-${layer}`,
          {
            principal: args.pipeline[role],
            permissions: writes ? ['DESCRIBE', 'CREATE_TABLE', 'ALTER'] : ['DESCRIBE'],
            database: { name: databases[layer].name },
          },
          [databases[layer]],
        );
        grant(
          `${role}-tables-${layer}`,
          {
            principal: args.pipeline[role],
            permissions: writes
              ? ['SELECT', 'INSERT', 'DELETE', 'DESCRIBE', 'ALTER', 'DROP']
              : ['SELECT', 'DESCRIBE'],
            table: { databaseName: databases[layer].name, wildcard: true },
          },
          [databases[layer]],
        );
      }
    }

    // Analysts: gold in full, silver without personal data, bronze never.
    const defs = new Map(args.datasets.map((d) => [d.id as string, d]));
    args.analysts.forEach((principal, a) => {
      for (const layer of ['silver', 'gold'] as const) {
        grant(
          `analyst-${a}-db-${layer}`,
          { principal, permissions: ['DESCRIBE'], database: { name: databases[layer].name } },
          [databases[layer]],
        );
      }
      grant(
        `analyst-${a}-gold`,
        {
          principal,
          permissions: ['SELECT', 'DESCRIBE'],
          table: { databaseName: databases.gold.name, wildcard: true },
        },
        [databases.gold],
      );
      for (const [t, shape] of args.silverTables.entries()) {
        const def = defs.get(shape.name) as DatasetDefinition;
        const excluded = personalDataColumns(def);
        grant(
          `analyst-${a}-silver-${shape.name}`,
          {
            principal,
            permissions: ['SELECT'],
            tableWithColumns: {
              databaseName: databases.silver.name,
              name: shape.name,
              wildcard: true,
              ...(excluded.length > 0 ? { excludedColumnNames: excluded } : {}),
            },
          },
          [tables[t] as aws.glue.CatalogTable],
        );
      }
    });
    this.grants = grants;

    this.registerOutputs({
      databases: DATABASE_LAYERS.map((l) => databases[l].name),
      tables: tables.map((t) => t.name),
    });
  }
}
