export { GcpRuntimeError, type GcpRuntimeErrorCode } from './errors.ts';
export { GcsObjectStore, contentTypeOf, type GcsObjectStoreOptions } from './storage/gcs-object-store.ts';
