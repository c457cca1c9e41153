export { AwsAdapterError, type AwsAdapterErrorCode } from './config/aws-adapter-error.ts';
export {
  clientConfig,
  type AwsClientOptions,
  type StaticCredentials,
} from './config/client-config.ts';
export {
  bucketForKey,
  bucketsForPrefix,
  lakeBucketRoutes,
  type LakeBuckets,
} from './s3/lake-buckets.ts';
export { createS3Client, S3ObjectStore, type S3ObjectStoreOptions } from './s3/s3-object-store.ts';
export {
  chunkRecords,
  createKinesisClient,
  KINESIS_MAX_BYTES,
  KINESIS_MAX_RECORDS,
  KinesisProducer,
  type KinesisProducerOptions,
} from './kinesis/kinesis-producer.ts';
export {
  createDynamoDbClient,
  DynamoDbStateStore,
  historySortKey,
  LATEST_SORT_KEY,
  partitionKey,
  type DynamoDbStateStoreOptions,
} from './dynamodb/dynamodb-state-store.ts';
export {
  GLUE_DECIMAL_PRECISION,
  GLUE_DEFAULT_SCALE,
  hiveType,
  silverTypeOfHive,
} from './glue/hive-types.ts';
export {
  glueDatabaseName,
  glueTableName,
  glueTableShape,
  PARQUET_FORMAT,
  PROJECTION_START_DATE,
  type GlueColumnSpec,
  type GlueLayer,
  type GlueTableShape,
  type GlueTableSpec,
} from './glue/glue-table-shape.ts';
export {
  createGlueClient,
  GlueCatalog,
  tableInputOf,
  type GlueCatalogOptions,
} from './glue/glue-catalog.ts';
export {
  athenaIdent,
  athenaString,
  countStatement,
  ctasStatement,
  runIdOf,
} from './athena/athena-sql.ts';
export {
  athenaValue,
  AthenaWarehouse,
  createAthenaClient,
  type AthenaWarehouseOptions,
} from './athena/athena-warehouse.ts';
export {
  createSnsClient,
  snsSubject,
  SnsNotifier,
  type SnsNotifierOptions,
} from './sns/sns-notifier.ts';
export {
  ObjectStoreDeadLetter,
  type DeadLetter,
  type ObjectStoreDeadLetterOptions,
  type PoisonRecord,
} from './dead-letter/dead-letter.ts';
