import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Static credentials (tests use dummy ones; Lambda uses its role through the default chain). */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Options shared by every AWS client the adapters build. Leave `endpoint` and `credentials` out
 * in Lambda (the SDK then uses the region's endpoint and the function's role); tests pass a
 * loopback endpoint and dummy credentials so nothing can reach AWS.
 */
export interface AwsClientOptions {
  /** AWS region, e.g. `sa-east-1`. */
  readonly region: string;
  /** Full endpoint URL (`http://127.0.0.1:4567`); default: the region's public endpoint. */
  readonly endpoint?: string;
  /** Default: the SDK's credential chain (the Lambda role). */
  readonly credentials?: StaticCredentials;
  /** Attempts per request, including the first (SDK default 3). */
  readonly maxAttempts?: number;
}

/**
 * The config object every SDK v3 client accepts, built from {@link AwsClientOptions}. Always
 * uses the HTTP/1.1 Node handler: kinesalite answers HTTP/2 attempts with "Protocol error".
 */
export function clientConfig(options: AwsClientOptions) {
  return {
    region: options.region,
    requestHandler: new NodeHttpHandler(),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
}
