import type { SilverType } from '@matriz/core';

import { hiveType } from './hive-types.ts';

/** Lake layers as the catalog sees them (the same names as the pipeline's `Layer`). */
export type GlueLayer = 'bronze' | 'silver' | 'gold' | 'quarantine' | 'quality';

/** Parquet SerDe and formats every lake table uses. */
export const PARQUET_FORMAT = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
} as const;

/** First date partition projection accepts; ANEEL's oldest published snapshots are later. */
export const PROJECTION_START_DATE = '2000-01-01';

/** A column to declare in Glue. */
export interface GlueColumnSpec {
  readonly name: string;
  readonly type: SilverType;
  /** For `decimal`: digits after the point (default as in the core's dialects). */
  readonly scale?: number;
  readonly description?: string;
}

/** What a lake table is, independent of who registers it (the Glue SDK or Pulumi). */
export interface GlueTableSpec {
  readonly layer: GlueLayer;
  readonly name: string;
  /** `s3://bucket/prefix` of the table's files, without a trailing slash. */
  readonly location: string;
  readonly columns: readonly GlueColumnSpec[];
  /** Hive-style partition columns (`data_date`); registered as strings. */
  readonly partitions: readonly string[];
  readonly description?: string;
  /** Register `data_date` partitions by projection (default) instead of one partition each. */
  readonly projection?: boolean;
}

/** A Glue table, in neutral casing; the SDK adapter and the Pulumi program both map from it. */
export interface GlueTableShape {
  readonly database: string;
  readonly name: string;
  readonly description: string;
  readonly location: string;
  readonly columns: readonly { name: string; type: string; comment: string }[];
  readonly partitionKeys: readonly { name: string; type: string; comment: string }[];
  readonly parameters: Readonly<Record<string, string>>;
  readonly inputFormat: string;
  readonly outputFormat: string;
  readonly serializationLibrary: string;
}

/**
 * The Glue database of a layer: `<prefix>_<layer>` (`matriz_silver`, `matriz_quarantine`), the
 * same names the core's Athena table resolver generates in SQL.
 */
export function glueDatabaseName(layer: GlueLayer, prefix = 'matriz'): string {
  return `${prefix}_${layer}`;
}

/** The Glue table name of a lake table: the dataset id or gold table name, in every layer. */
export function glueTableName(_layer: GlueLayer, name: string): string {
  return name;
}

/**
 * The Glue table of a lake table: Parquet SerDe, external, and, for a `data_date` partition,
 * partition projection (no partition to add after each run; Athena computes the locations).
 */
export function glueTableShape(spec: GlueTableSpec, prefix = 'matriz'): GlueTableShape {
  const location = spec.location.replace(/\/+$/, '');
  const projected = (spec.projection ?? true) && spec.partitions.length > 0;
  const projection: Record<string, string> = {};
  if (projected) {
    projection['projection.enabled'] = 'true';
    for (const partition of spec.partitions) {
      projection[`projection.${partition}.type`] = 'date';
      projection[`projection.${partition}.format`] = 'yyyy-MM-dd';
      projection[`projection.${partition}.range`] = `${PROJECTION_START_DATE},NOW`;
      projection[`projection.${partition}.interval`] = '1';
      projection[`projection.${partition}.interval.unit`] = 'DAYS';
    }
    const template = spec.partitions.map((p) => `${p}=\${${p}}`).join('/');
    projection['storage.location.template'] = `${location}/${template}/`;
  }
  return {
    database: glueDatabaseName(spec.layer, prefix),
    name: glueTableName(spec.layer, spec.name),
    description: spec.description ?? `${spec.layer} table ${spec.name}`,
    location: `${location}/`,
    // A partition column must not repeat as a data column (Glue rejects the table).
    columns: spec.columns
      .filter((c) => !spec.partitions.includes(c.name))
      .map((c) => ({
        name: c.name,
        type: hiveType(c.type, c.scale),
        comment: c.description ?? '',
      })),
    partitionKeys: spec.partitions.map((name) => ({
      name,
      type: 'string',
      comment: 'Snapshot date (yyyy-mm-dd) of the files under this partition.',
    })),
    parameters: {
      classification: 'parquet',
      EXTERNAL: 'TRUE',
      'parquet.compression': 'ZSTD',
      'matriz.layer': spec.layer,
      ...projection,
    },
    ...PARQUET_FORMAT,
  };
}
