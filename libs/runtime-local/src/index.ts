export { FsObjectStore, sha256File } from './store/fs-object-store.ts';
export { JsonCatalog, CATALOG_KEY } from './catalog/json-catalog.ts';
export { LakeWarehouse, LAKE_SCHEMAS } from './catalog/lake-warehouse.ts';
export { StreamNotifier } from './notify/console-notifier.ts';
export { WebhookNotifier, FanOutNotifier, WebhookError } from './notify/webhook-notifier.ts';
export type { WebhookOptions } from './notify/webhook-notifier.ts';
export { createStreamLogger } from './log/stream-logger.ts';
export type { StreamLoggerOptions } from './log/stream-logger.ts';
