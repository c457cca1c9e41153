/**
 * Stable codes of source failures:
 * - `source_not_data`: HTTP 200 whose body is an HTML page or empty (field case C7);
 * - `source_http_<status>`: a non-success status after the retries (`source_http_503`);
 * - `source_timeout`: no answer (or no bytes) within the per-attempt timeout;
 * - `source_incomplete`: a body or a paged table that ended before its announced size;
 * - `source_network`: the connection failed (DNS, reset, refused) after the retries;
 * - `source_ckan_error`: CKAN answered `success: false`;
 * - `source_invalid_response`: the answer is not the CKAN shape expected;
 * - `source_resource_missing`: the package has no resource with the expected file name.
 */
export type SourceErrorCode =
  | 'source_not_data'
  | `source_http_${number}`
  | 'source_timeout'
  | 'source_incomplete'
  | 'source_network'
  | 'source_ckan_error'
  | 'source_invalid_response'
  | 'source_resource_missing';

/** A failure reading ANEEL's portal; names the URL and carries a stable `code`. */
export class SourceError extends Error {
  /** Machine-readable kind of failure. */
  readonly code: SourceErrorCode;
  /** URL of the request that failed. */
  readonly url: string;

  constructor(code: SourceErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceError';
    this.code = code;
    this.url = url;
  }
}

/** The portal answered 200 with something that is not data: an HTML page or nothing. */
export class SourceNotDataError extends SourceError {
  /** What was seen: an HTML page or an empty body. */
  readonly reason: 'html' | 'empty';
  /** The first bytes of the body (up to 64 KiB), kept so the caller can store them. */
  readonly payload: Uint8Array;
  /** `Content-Type` the portal declared, if any. */
  readonly contentType: string | undefined;

  constructor(
    url: string,
    reason: 'html' | 'empty',
    payload: Uint8Array,
    contentType: string | undefined,
  ) {
    const what = reason === 'html' ? 'an HTML page' : 'an empty body';
    super(
      'source_not_data',
      url,
      `\`${url}\` answered 200 with ${what} instead of data; the portal is probably under ` +
        'maintenance: keep the payload for inspection, keep the previous snapshot and retry later.',
    );
    this.name = 'SourceNotDataError';
    this.reason = reason;
    this.payload = payload;
    this.contentType = contentType;
  }
}

/** A non-success HTTP status (after the retries, for 429 and 5xx). */
export class SourceHttpError extends SourceError {
  /** The HTTP status of the last attempt. */
  readonly status: number;
  /** How many attempts were made. */
  readonly attempts: number;

  constructor(url: string, status: number, attempts: number, hint: string) {
    super(
      `source_http_${status}`,
      url,
      `\`GET ${url}\` answered HTTP ${status} after ${attempts} attempt(s); ${hint}`,
    );
    this.name = 'SourceHttpError';
    this.status = status;
    this.attempts = attempts;
  }
}

/** No answer, or no bytes for too long, within the timeout. */
export class SourceTimeoutError extends SourceError {
  /** The per-attempt (or idle) timeout that expired, in ms. */
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number, attempts: number, options?: { cause?: unknown }) {
    super(
      'source_timeout',
      url,
      `\`GET ${url}\` did not answer within ${timeoutMs} ms (${attempts} attempt(s)); ` +
        'retry later or raise `timeoutMs`.',
      options,
    );
    this.name = 'SourceTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** A body or a paged table ended before the size it announced. */
export class SourceIncompleteError extends SourceError {
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(
      'source_incomplete',
      url,
      `\`${url}\` ended early: ${detail}; nothing partial was kept, run the dataset again.`,
      options,
    );
    this.name = 'SourceIncompleteError';
  }
}

/** CKAN answered `success: false` (unknown package, bad parameter...). */
export class SourceCkanError extends SourceError {
  /** CKAN's error type (`Not Found Error`, `Validation Error`...). */
  readonly ckanType: string | undefined;
  /** HTTP status of the answer. */
  readonly status: number;

  constructor(url: string, status: number, ckanType: string | undefined, detail: string) {
    super(
      'source_ckan_error',
      url,
      `CKAN refused \`${url}\` (HTTP ${status}, ${ckanType ?? 'error'}: ${detail}); check the ` +
        'package or resource id against the registry and the portal.',
    );
    this.name = 'SourceCkanError';
    this.ckanType = ckanType;
    this.status = status;
  }
}
