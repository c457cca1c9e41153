import { PubSub } from '@google-cloud/pubsub';

export interface PubSubClientOptions {
  readonly projectId: string;
  /**
   * `host:port` of a Pub/Sub emulator (`127.0.0.1:8085`). When set the client speaks plain gRPC
   * without credentials; when absent it uses the public endpoint with Application Default
   * Credentials (the function's service account).
   */
  readonly emulatorHost?: string;
}

/** Builds a Pub/Sub client that never falls back to an endpoint the caller did not name. */
export function createPubSub(options: PubSubClientOptions): PubSub {
  if (options.emulatorHost) {
    return new PubSub({
      projectId: options.projectId,
      apiEndpoint: options.emulatorHost,
      emulatorMode: true,
    });
  }
  return new PubSub({ projectId: options.projectId, emulatorMode: false });
}
