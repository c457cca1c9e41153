export { GcpRuntimeError, type GcpRuntimeErrorCode } from './errors.ts';
export { GcsObjectStore, contentTypeOf, type GcsObjectStoreOptions } from './storage/gcs-object-store.ts';
export { createPubSub, type PubSubClientOptions } from './pubsub/pubsub-client.ts';
export { PubSubProducer } from './pubsub/pubsub-producer.ts';
export { PubSubNotifier } from './pubsub/pubsub-notifier.ts';
export {
  pubSubEmulatorUnavailable,
  startPubSubEmulator,
  type PubSubEmulator,
} from './testing/pubsub-emulator.ts';
