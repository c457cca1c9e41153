export { GcpRuntimeError, type GcpRuntimeErrorCode } from './errors.ts';
export { createStorage, type StorageClientOptions } from './storage/storage-client.ts';
export {
  GcsObjectStore,
  contentTypeOf,
  type GcsObjectStoreOptions,
} from './storage/gcs-object-store.ts';
export { createPubSub, type PubSubClientOptions } from './pubsub/pubsub-client.ts';
export { PubSubProducer } from './pubsub/pubsub-producer.ts';
export { PubSubNotifier } from './pubsub/pubsub-notifier.ts';
export {
  pubSubEmulatorUnavailable,
  startPubSubEmulator,
  type PubSubEmulator,
} from './testing/pubsub-emulator.ts';
export {
  bigQueryFields,
  silverLayout,
  DEFAULT_DECIMAL_SCALE,
  MAX_CLUSTER_COLUMNS,
  NUMERIC_PRECISION,
  type BigQueryField,
  type SchemaColumn,
  type TableLayout,
} from './bigquery/bigquery-schema.ts';
export {
  checkIdentifier,
  checkProject,
  datasetId,
  tableRef,
  type BigQueryTarget,
} from './bigquery/identifiers.ts';
export {
  partitionDecorator,
  silverLoadJobConfiguration,
  type LoadJobConfiguration,
  type SilverLoad,
} from './bigquery/load-job.ts';
export { GOLD_LAYOUTS, goldLayout, materializeSql } from './bigquery/gold-sql.ts';
export {
  createBigQuery,
  plainRow,
  type BigQueryClientOptions,
} from './bigquery/bigquery-client.ts';
export { BigQueryLoader, type LoadResult } from './bigquery/bigquery-loader.ts';
export { BigQueryWarehouse, type BigQueryWarehouseOptions } from './bigquery/bigquery-warehouse.ts';
export { BigQueryCatalog, CATALOG_COLUMNS, CATALOG_TABLE } from './bigquery/bigquery-catalog.ts';
export {
  goldTableDefinitions,
  silverTableDefinition,
  silverTableDefinitions,
  type BigQueryTableDefinition,
} from './bigquery/registry-schemas.ts';
export { GcsStateStore, type GcsStateStoreOptions } from './state/gcs-state-store.ts';
