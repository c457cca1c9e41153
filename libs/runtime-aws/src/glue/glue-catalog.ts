import {
  BatchCreatePartitionCommand,
  CreateTableCommand,
  GlueClient,
  paginateGetTables,
  UpdateTableCommand,
  type TableInput,
} from '@aws-sdk/client-glue';
import type { Catalog, Layer, TableEntry } from '@matriz/pipeline';

import { clientConfig, type AwsClientOptions } from '../config/client-config.ts';
import { glueDatabaseName, glueTableShape, type GlueTableShape } from './glue-table-shape.ts';
import { silverTypeOfHive } from './hive-types.ts';

/** Builds a Glue client (injectable endpoint and credentials). */
export function createGlueClient(options: AwsClientOptions): GlueClient {
  return new GlueClient(clientConfig(options));
}

/** Options of {@link GlueCatalog}. */
export interface GlueCatalogOptions {
  readonly client: GlueClient;
  /** `s3://bucket/key` of a lake key (usually `store.uri`). */
  readonly uri: (key: string) => string;
  /** Database name prefix: `matriz` gives `matriz_silver` (default `matriz`). */
  readonly databasePrefix?: string;
  /**
   * `projection` (default): partitions by Athena partition projection, nothing to add per run;
   * `partitions`: one Glue partition per data date (BatchCreatePartition).
   */
  readonly partitionMode?: 'projection' | 'partitions';
  /**
   * Layers whose tables another component registers (default `['gold']`: the Athena warehouse
   * points each gold table at its newest CTAS location; overwriting it with the table's root
   * prefix would make Athena read every past run).
   */
  readonly skipLayers?: readonly Layer[];
}

const LAYERS_TO_LIST: readonly Layer[] = ['bronze', 'silver', 'gold', 'quarantine'];

/** The Glue `TableInput` of a table shape (shared with the Pulumi program's definition). */
export function tableInputOf(shape: GlueTableShape): TableInput {
  return {
    Name: shape.name,
    Description: shape.description,
    TableType: 'EXTERNAL_TABLE',
    Parameters: { ...shape.parameters },
    PartitionKeys: shape.partitionKeys.map((c) => ({
      Name: c.name,
      Type: c.type,
      Comment: c.comment,
    })),
    StorageDescriptor: {
      Location: shape.location,
      InputFormat: shape.inputFormat,
      OutputFormat: shape.outputFormat,
      SerdeInfo: { SerializationLibrary: shape.serializationLibrary },
      Columns: shape.columns.map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment })),
    },
  };
}

/**
 * The {@link Catalog} on the Glue Data Catalog: one database per layer, Parquet tables over the
 * lake's S3 prefixes. Each upsert is an UpdateTable (CreateTable the first time), which Athena
 * readers see atomically.
 */
export class GlueCatalog implements Catalog {
  readonly #client: GlueClient;
  readonly #uri: (key: string) => string;
  readonly #prefix: string;
  readonly #mode: 'projection' | 'partitions';
  readonly #skip: ReadonlySet<Layer>;

  constructor(options: GlueCatalogOptions) {
    this.#client = options.client;
    this.#uri = options.uri;
    this.#prefix = options.databasePrefix ?? 'matriz';
    this.#mode = options.partitionMode ?? 'projection';
    this.#skip = new Set(options.skipLayers ?? ['gold']);
  }

  async upsert(entries: readonly TableEntry[]): Promise<void> {
    for (const entry of entries) {
      if (this.#skip.has(entry.layer)) continue;
      const shape = glueTableShape(
        {
          layer: entry.layer,
          name: entry.name,
          location: this.#uri(entry.location.replace(/\/+$/, '')),
          columns: entry.columns,
          partitions: entry.partitions,
          projection: this.#mode === 'projection',
        },
        this.#prefix,
      );
      const input = tableInputOf(shape);
      input.Parameters = {
        ...input.Parameters,
        'matriz.location': entry.location,
        'matriz.updated_at': entry.updatedAt,
        'matriz.partition_values': entry.partitionValues.join(','),
      };
      await this.#putTable(shape.database, input);
      if (this.#mode === 'partitions' && entry.partitions.length === 1) {
        await this.#addPartitions(shape, entry.partitionValues);
      }
    }
  }

  async #putTable(database: string, input: TableInput) {
    try {
      await this.#client.send(
        new UpdateTableCommand({ DatabaseName: database, TableInput: input }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'EntityNotFoundException') throw error;
      await this.#client.send(
        new CreateTableCommand({ DatabaseName: database, TableInput: input }),
      );
    }
  }

  async #addPartitions(shape: GlueTableShape, values: readonly string[]) {
    const key = shape.partitionKeys[0]?.name ?? 'data_date';
    // BatchCreatePartition takes at most 100 partitions; existing ones come back as errors.
    for (let i = 0; i < values.length; i += 100) {
      await this.#client.send(
        new BatchCreatePartitionCommand({
          DatabaseName: shape.database,
          TableName: shape.name,
          PartitionInputList: values.slice(i, i + 100).map((value) => ({
            Values: [value],
            StorageDescriptor: {
              Location: `${shape.location}${key}=${value}/`,
              InputFormat: shape.inputFormat,
              OutputFormat: shape.outputFormat,
              SerdeInfo: { SerializationLibrary: shape.serializationLibrary },
              Columns: shape.columns.map((c) => ({ Name: c.name, Type: c.type })),
            },
          })),
        }),
      );
    }
  }

  async list(): Promise<TableEntry[]> {
    const entries: TableEntry[] = [];
    for (const layer of LAYERS_TO_LIST) {
      const pages = paginateGetTables(
        { client: this.#client },
        { DatabaseName: glueDatabaseName(layer, this.#prefix) },
      );
      for await (const page of pages) {
        for (const table of page.TableList ?? []) {
          const params = table.Parameters ?? {};
          const tableLayer = (params['matriz.layer'] ?? layer) as Layer;
          const name = table.Name ?? '';
          const values = params['matriz.partition_values'] ?? '';
          entries.push({
            layer: tableLayer,
            name,
            location: params['matriz.location'] ?? table.StorageDescriptor?.Location ?? '',
            columns: (table.StorageDescriptor?.Columns ?? []).map((c) => ({
              name: c.Name ?? '',
              type: silverTypeOfHive(c.Type ?? 'string'),
              ...(c.Comment ? { description: c.Comment } : {}),
            })),
            partitions: (table.PartitionKeys ?? []).map((c) => c.Name ?? ''),
            partitionValues: values === '' ? [] : values.split(','),
            updatedAt: params['matriz.updated_at'] ?? table.UpdateTime?.toISOString() ?? '',
          });
        }
      }
    }
    return entries.sort((a, b) => `${a.layer}.${a.name}`.localeCompare(`${b.layer}.${b.name}`));
  }
}
