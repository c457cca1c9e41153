import { Readable } from 'node:stream';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelay, type BackoffPolicy } from './backoff.ts';
import {
  ckanEnvelopeSchema,
  ckanPackageSchema,
  datastoreResultSchema,
  type CkanPackage,
  type CkanResource,
  type DatastoreField,
} from './ckan-schemas.ts';
import { concatBytes, looksLikeHtml, SNIFF_BYTES } from './sniff-payload.ts';
import {
  SourceCkanError,
  SourceError,
  SourceHttpError,
  SourceIncompleteError,
  SourceNotDataError,
  SourceTimeoutError,
} from './source-error.ts';

/** ANEEL's live open-data portal. Never used as a default: callers pass it explicitly. */
export const ANEEL_PORTAL_URL = 'https://dadosabertos.aneel.gov.br';

/** ANEEL caps `datastore_search` pages at 32 000 records (field case C6). */
export const ANEEL_DATASTORE_PAGE_MAX = 32_000;

/** Most bytes of a non-data body kept in {@link SourceNotDataError.payload}. */
export const NOT_DATA_PAYLOAD_MAX = 64 * 1024;

/** Options of {@link createCkanClient}. */
export interface CkanClientOptions {
  /** Portal root, e.g. {@link ANEEL_PORTAL_URL} or an offline portal's `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** HTTP implementation (default `globalThis.fetch`). */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Per-attempt timeout in ms (default 60 000): until the headers and the first bytes arrive;
   * afterwards, the longest pause allowed between two chunks of a download.
   */
  readonly timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, network errors and timeouts (default 4). */
  readonly retries?: number;
  /** Waits between attempts (default `setTimeout`); tests inject a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Current time in ms, for `Retry-After` dates (default `Date.now`). */
  readonly now?: () => number;
  /** Random number in [0, 1) for the jitter (default `Math.random`). */
  readonly random?: () => number;
  /** Backoff delays (default {@link DEFAULT_BACKOFF}). */
  readonly backoff?: Partial<BackoffPolicy>;
  /** `User-Agent` header (default `matriz-ckan-client/0.1`). */
  readonly userAgent?: string;
}

/** Validators of the copy already held, for a conditional download. */
export interface DownloadOptions {
  /** `ETag` of the last download (sent as `If-None-Match`). */
  readonly etag?: string;
  /** `Last-Modified` of the last download (sent as `If-Modified-Since`). */
  readonly lastModified?: string;
}

/** Outcome of {@link CkanClient.download}. */
export type DownloadResult =
  | {
      /** The portal confirmed the copy held is current (HTTP 304): nothing was transferred. */
      readonly status: 'not_modified';
      readonly url: string;
    }
  | {
      readonly status: 'ok';
      /**
       * The bytes, streamed (never buffered whole). Errors with `source_incomplete` when the body
       * ends before `Content-Length`, `source_timeout` when it stalls longer than `timeoutMs`.
       */
      readonly body: Readable;
      /** `ETag` header, to send back next time. */
      readonly etag: string | undefined;
      /** `Last-Modified` header, to send back next time. */
      readonly lastModified: string | undefined;
      /** `Content-Length` in bytes, when announced. */
      readonly contentLength: number | undefined;
      /** Final URL (after redirects). */
      readonly url: string;
    };

/** One page of a datastore table. */
export interface DatastorePage {
  /** Records as CKAN returns them (`_id` plus one key per column). */
  readonly records: readonly Record<string, unknown>[];
  /** Columns, `_id` included, in CKAN's order. */
  readonly fields: readonly DatastoreField[];
  /** Index of the page's first record in the whole table. */
  readonly offset: number;
  /** Records in the whole table. */
  readonly total: number;
}

/** Options of {@link CkanClient.datastoreSearchAll}. */
export interface DatastoreSearchOptions {
  /** Records asked per request (default 32 000; the portal may cap it lower). */
  readonly pageSize?: number;
  /** CKAN sort; `_id asc` is appended when missing so paging is stable (default `_id asc`). */
  readonly sort?: string;
}

/** A client for a CKAN portal (ANEEL's live one or the offline replay). */
export interface CkanClient {
  /** Portal root without a trailing slash. */
  readonly baseUrl: string;
  /** `package_show`: the package and its resources, validated. */
  packageShow(id: string): Promise<CkanPackage>;
  /**
   * The CSV resource of a package whose name or URL ends with `fileName` (case-insensitive).
   * Accepts a package already fetched, or its id.
   */
  findResource(pkg: CkanPackage | string, fileName: string): Promise<CkanResource>;
  /** Downloads a resource, conditionally when validators are given. */
  download(resource: Pick<CkanResource, 'url'>, options?: DownloadOptions): Promise<DownloadResult>;
  /** Every record of a datastore table, page by page, each exactly once (field case C6). */
  datastoreSearchAll(
    resourceId: string,
    options?: DatastoreSearchOptions,
  ): AsyncIterable<DatastorePage>;
}

/** A 429 or 5xx answer, retried. */
class RetryableStatus {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {}
}

interface AttemptContext {
  readonly signal: AbortSignal;
  readonly controller: AbortController;
  readonly attempt: number;
}

const isRetryableStatus = (status: number) => status === 429 || status >= 500;

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** The sort sent to `datastore_search`: the caller's, made total by a final `_id asc`. */
export function stableDatastoreSort(sort: string | undefined): string {
  if (sort === undefined || sort.trim() === '') return '_id asc';
  return /(^|,)\s*"?_id"?(\s|,|$)/.test(sort) ? sort : `${sort}, _id asc`;
}

/**
 * Creates a CKAN client. Every request retries 429, 5xx, network errors and timeouts with
 * exponential backoff and jitter (honouring `Retry-After`), then fails with a `SourceError`.
 */
export function createCkanClient(options: CkanClientOptions): CkanClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const retries = options.retries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const baseHeaders = { 'User-Agent': options.userAgent ?? 'matriz-ckan-client/0.1' };

  async function withRetries<T>(url: string, run: (ctx: AttemptContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      let failure: SourceError;
      let retryAfterMs: number | undefined;
      try {
        return await run({ signal: controller.signal, controller, attempt });
      } catch (error) {
        if (error instanceof SourceError) throw error;
        if (error instanceof RetryableStatus) {
          failure = new SourceHttpError(
            url,
            error.status,
            attempt,
            'the portal is overloaded or down: retry later.',
          );
          retryAfterMs = error.retryAfterMs;
        } else if (timedOut) {
          failure = new SourceTimeoutError(url, timeoutMs, attempt, { cause: error });
        } else {
          failure = new SourceError(
            'source_network',
            url,
            `\`GET ${url}\` failed (${error instanceof Error ? error.message : String(error)}) ` +
              `after ${attempt} attempt(s); check the network and the portal URL.`,
            { cause: error },
          );
        }
      } finally {
        clearTimeout(timer);
      }
      if (attempt > retries) throw failure;
      await sleep(retryDelay(attempt - 1, policy, random, retryAfterMs));
    }
  }

  async function getResult(url: string): Promise<unknown> {
    return withRetries(url, async ({ signal, attempt }) => {
      const res = await fetchImpl(url, {
        headers: { ...baseHeaders, Accept: 'application/json' },
        signal,
      });
      if (isRetryableStatus(res.status)) {
        await discard(res);
        throw new RetryableStatus(
          res.status,
          parseRetryAfter(res.headers.get('retry-after'), now()),
        );
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      const contentType = res.headers.get('content-type') ?? undefined;
      const httpError = () =>
        new SourceHttpError(url, res.status, attempt, 'check the URL and the portal status.');
      if (res.ok && bytes.byteLength === 0)
        throw new SourceNotDataError(url, 'empty', bytes, contentType);
      if (looksLikeHtml(bytes)) {
        if (!res.ok) throw httpError();
        throw new SourceNotDataError(
          url,
          'html',
          bytes.subarray(0, NOT_DATA_PAYLOAD_MAX),
          contentType,
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch (cause) {
        if (!res.ok) throw httpError();
        throw new SourceError(
          'source_invalid_response',
          url,
          `\`${url}\` did not answer JSON; check that the base URL is a CKAN portal.`,
          { cause },
        );
      }
      const envelope = ckanEnvelopeSchema.safeParse(json);
      if (!envelope.success) {
        if (!res.ok) throw httpError();
        throw new SourceError(
          'source_invalid_response',
          url,
          `\`${url}\` did not answer a CKAN envelope (${envelope.error.issues[0]?.message ?? 'invalid'}); ` +
            'check that the base URL is a CKAN portal.',
          { cause: envelope.error },
        );
      }
      if (!envelope.data.success) {
        const error = envelope.data.error;
        throw new SourceCkanError(
          url,
          res.status,
          error?.__type,
          error?.message ?? JSON.stringify(error),
        );
      }
      if (!res.ok) throw httpError();
      return envelope.data.result;
    });
  }

  const action = (name: string, params: Record<string, string>) =>
    `${baseUrl}/api/3/action/${name}?${new URLSearchParams(params)}`;

  async function packageShow(id: string): Promise<CkanPackage> {
    const url = action('package_show', { id });
    const parsed = ckanPackageSchema.safeParse(await getResult(url));
    if (!parsed.success) {
      throw new SourceError(
        'source_invalid_response',
        url,
        `\`package_show\` of \`${id}\` has no valid package (${parsed.error.issues[0]?.message ?? 'invalid'}); ` +
          'the portal changed its API: update the CKAN schemas.',
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }

  async function findResource(pkg: CkanPackage | string, fileName: string): Promise<CkanResource> {
    const found = typeof pkg === 'string' ? await packageShow(pkg) : pkg;
    const wanted = fileName.toLowerCase();
    const stem = wanted.replace(/\.csv$/, '');
    const isCsv = (r: CkanResource) =>
      r.format?.toLowerCase() === 'csv' || urlPath(r.url).toLowerCase().endsWith('.csv');
    const matches = (r: CkanResource) => {
      const name = (r.name ?? '').toLowerCase();
      return (
        urlPath(r.url).toLowerCase().endsWith(wanted) || name.endsWith(wanted) || name === stem
      );
    };
    const resource = found.resources.find((r) => isCsv(r) && matches(r));
    if (!resource) {
      const listed = found.resources
        .map((r) => `${r.name ?? r.id} [${r.format ?? '?'}] ${r.url}`)
        .sort();
      throw new SourceError(
        'source_resource_missing',
        action('package_show', { id: found.name }),
        `Package \`${found.name}\` has no CSV resource named \`${fileName}\`; it lists: ` +
          `${listed.length ? listed.join('; ') : '(no resources)'}. Update the registry's ckan.fileName.`,
      );
    }
    return resource;
  }

  async function download(
    resource: Pick<CkanResource, 'url'>,
    opts: DownloadOptions = {},
  ): Promise<DownloadResult> {
    const url = resource.url;
    return withRetries(url, async ({ signal, controller, attempt }) => {
      const headers: Record<string, string> = { ...baseHeaders };
      if (opts.etag !== undefined) headers['If-None-Match'] = opts.etag;
      if (opts.lastModified !== undefined) headers['If-Modified-Since'] = opts.lastModified;
      const res = await fetchImpl(url, { headers, signal });
      if (res.status === 304) {
        await discard(res);
        return { status: 'not_modified', url } as const;
      }
      if (isRetryableStatus(res.status)) {
        await discard(res);
        throw new RetryableStatus(
          res.status,
          parseRetryAfter(res.headers.get('retry-after'), now()),
        );
      }
      if (!res.ok) {
        await discard(res);
        throw new SourceHttpError(
          url,
          res.status,
          attempt,
          'check the resource URL in `package_show`.',
        );
      }
      const contentType = res.headers.get('content-type') ?? undefined;
      const lengthHeader = res.headers.get('content-length');
      const contentLength = lengthHeader === null ? undefined : Number(lengthHeader);
      if (!res.body) throw new SourceNotDataError(url, 'empty', new Uint8Array(), contentType);

      // Peek at the first bytes without losing them: they are replayed ahead of the rest.
      const reader = res.body.getReader();
      const peeked: Uint8Array[] = [];
      let peekedBytes = 0;
      let ended = false;
      while (peekedBytes < SNIFF_BYTES) {
        const chunk = await reader.read();
        if (chunk.done) {
          ended = true;
          break;
        }
        peeked.push(chunk.value);
        peekedBytes += chunk.value.byteLength;
      }
      if (peekedBytes === 0)
        throw new SourceNotDataError(url, 'empty', new Uint8Array(), contentType);
      if (looksLikeHtml(concatBytes(peeked))) {
        while (!ended && peekedBytes < NOT_DATA_PAYLOAD_MAX) {
          const chunk = await reader.read();
          if (chunk.done) ended = true;
          else {
            peeked.push(chunk.value);
            peekedBytes += chunk.value.byteLength;
          }
        }
        await reader.cancel().catch(() => undefined);
        const payload = concatBytes(peeked).subarray(0, NOT_DATA_PAYLOAD_MAX);
        throw new SourceNotDataError(url, 'html', payload, contentType);
      }

      async function* bytes(): AsyncGenerator<Buffer> {
        let received = 0;
        let finished = ended;
        try {
          for (const chunk of peeked.splice(0)) {
            received += chunk.byteLength;
            yield toBuffer(chunk);
          }
          while (!finished) {
            let idle = false;
            const timer = setTimeout(() => {
              idle = true;
              controller.abort();
            }, timeoutMs);
            let chunk: Awaited<ReturnType<typeof reader.read>>;
            try {
              chunk = await reader.read();
            } catch (cause) {
              throw idle
                ? new SourceTimeoutError(url, timeoutMs, attempt, { cause })
                : new SourceIncompleteError(
                    url,
                    `the connection closed after ${received} of ${contentLength ?? 'unknown'} bytes`,
                    { cause },
                  );
            } finally {
              clearTimeout(timer);
            }
            if (chunk.done) finished = true;
            else {
              received += chunk.value.byteLength;
              yield toBuffer(chunk.value);
            }
          }
          if (contentLength !== undefined && received !== contentLength) {
            throw new SourceIncompleteError(url, `received ${received} of ${contentLength} bytes`);
          }
        } finally {
          if (!finished) await reader.cancel().catch(() => undefined);
        }
      }

      return {
        status: 'ok',
        body: Readable.from(bytes(), { objectMode: false }),
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
        contentLength,
        url: res.url || url,
      } as const;
    });
  }

  async function* datastoreSearchAll(
    resourceId: string,
    opts: DatastoreSearchOptions = {},
  ): AsyncGenerator<DatastorePage> {
    const pageSize = opts.pageSize ?? ANEEL_DATASTORE_PAGE_MAX;
    const sort = stableDatastoreSort(opts.sort);
    const checkIds = sort === '_id asc';
    let url = action('datastore_search', {
      resource_id: resourceId,
      limit: String(pageSize),
      sort,
    });
    let fetched = 0;
    let requests = 0;
    let total: number | undefined;
    let maxRequests = 1;
    let lastId = -Infinity;

    for (;;) {
      if (requests >= maxRequests) {
        throw new SourceIncompleteError(
          url,
          `${requests} pages (the most ceil(total/limit)+1 allows) gave ${fetched} of ${total} records`,
        );
      }
      const raw = await getResult(url);
      requests += 1;
      const parsed = datastoreResultSchema.safeParse(raw);
      if (!parsed.success) {
        throw new SourceError(
          'source_invalid_response',
          url,
          `\`datastore_search\` of \`${resourceId}\` is not a datastore page ` +
            `(${parsed.error.issues[0]?.message ?? 'invalid'}); the portal changed its API.`,
          { cause: parsed.error },
        );
      }
      const page = parsed.data;
      if (total === undefined) {
        total = page.total;
        const limit = Math.max(1, Math.min(page.limit ?? pageSize, pageSize));
        maxRequests = Math.ceil(total / limit) + 1;
      } else if (page.total !== total) {
        throw new SourceIncompleteError(
          url,
          `the table's total changed from ${total} to ${page.total} while paging (the resource was replaced)`,
        );
      }
      if (checkIds) {
        for (const record of page.records) {
          const id = record['_id'];
          if (typeof id !== 'number' || id <= lastId) {
            throw new SourceIncompleteError(
              url,
              `record _id \`${String(id)}\` repeats or goes backwards`,
            );
          }
          lastId = id;
        }
      }
      if (fetched + page.records.length > total) {
        throw new SourceIncompleteError(url, `pages hold more records than the total ${total}`);
      }
      if (page.records.length === 0) {
        if (requests === 1) yield { records: [], fields: page.fields, offset: 0, total };
        break;
      }
      yield { records: page.records, fields: page.fields, offset: fetched, total };
      fetched += page.records.length;
      if (fetched === total) break;
      const next = page._links?.next;
      url = next
        ? new URL(next, origin).toString()
        : action('datastore_search', {
            resource_id: resourceId,
            limit: String(pageSize),
            offset: String(fetched),
            sort,
          });
    }
    if (fetched !== total) {
      throw new SourceIncompleteError(url, `paging stopped at ${fetched} of ${total} records`);
    }
  }

  return { baseUrl, packageShow, findResource, download, datastoreSearchAll };
}

function urlPath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url.split('?')[0] ?? url;
  }
}
