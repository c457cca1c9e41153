import { Storage } from '@google-cloud/storage';

export interface StorageClientOptions {
  readonly projectId: string;
  /** JSON API root (`http://127.0.0.1:4443` for a test server); default the public endpoint. */
  readonly apiEndpoint?: string;
}

/**
 * Builds a Cloud Storage client. With a custom endpoint the client sends no credentials (the
 * library's default for custom endpoints), so a loopback test server needs none.
 */
export function createStorage(options: StorageClientOptions): Storage {
  return new Storage({
    projectId: options.projectId,
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
}
