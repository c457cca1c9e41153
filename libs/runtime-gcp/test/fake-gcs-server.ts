/**
 * A small server speaking the part of the Cloud Storage JSON API that `@google-cloud/storage`
 * 7.x uses for the lake, bound to 127.0.0.1 on a free port. There is no installable GCS
 * emulator on these machines, so the adapter tests run the real client against this.
 *
 * Covered: simple media upload, multipart upload, resumable upload (session create, single and
 * chunked PUTs with `Content-Range`, 308 with `Range` until the last chunk), download with
 * `alt=media` and `x-goog-hash` (of the live generation only), object metadata with `md5Hash` and `crc32c`, list with `prefix`,
 * `maxResults` and `pageToken`, delete, `ifGenerationMatch` on uploads.
 *
 * Not covered (the real service differs): authentication and IAM, ACLs and signed URLs,
 * `delimiter`/prefixes listing, ranged reads, compose/rewrite/copy, object versioning and
 * lifecycle, retention, customer-managed keys, gzip transcoding, bucket metadata and creation,
 * notifications, resumable session recovery (status query), rate limits and retries on 429/503.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CRC32C } from '@google-cloud/storage';

export interface FakeObject {
  readonly bucket: string;
  readonly name: string;
  readonly data: Buffer;
  readonly contentType: string;
  readonly generation: number;
  readonly updated: string;
}

export interface FakeGcsServer {
  /** `http://127.0.0.1:<port>` for the client's `apiEndpoint`. */
  readonly endpoint: string;
  /** Objects by `<bucket>/<name>`. */
  readonly objects: Map<string, FakeObject>;
  /** Upload methods seen (`media`, `multipart`, `resumable`), in order. */
  readonly uploads: string[];
  close(): Promise<void>;
}

interface Session {
  bucket: string;
  name: string;
  contentType: string;
  chunks: Buffer[];
  received: number;
}

/** Starts the fake; `pageSize` caps list pages so pagination is exercised. */
export async function startFakeGcs(options: { pageSize?: number } = {}): Promise<FakeGcsServer> {
  const objects = new Map<string, FakeObject>();
  const sessions = new Map<string, Session>();
  const uploads: string[] = [];
  let generation = 1;
  let endpoint = '';

  const metadataOf = (o: FakeObject) => ({
    kind: 'storage#object',
    id: `${o.bucket}/${o.name}/${o.generation}`,
    bucket: o.bucket,
    name: o.name,
    size: String(o.data.length),
    contentType: o.contentType,
    generation: String(o.generation),
    metageneration: '1',
    md5Hash: crypto.createHash('md5').update(o.data).digest('base64'),
    crc32c: crc32cOf(o.data),
    etag: crypto.createHash('sha1').update(`${o.name}${o.generation}`).digest('base64'),
    updated: o.updated,
    timeCreated: o.updated,
  });

  const store = (bucket: string, name: string, data: Buffer, contentType: string) => {
    const o: FakeObject = {
      bucket,
      name,
      data,
      contentType,
      generation: generation++,
      updated: new Date().toISOString(),
    };
    objects.set(`${bucket}/${name}`, o);
    return o;
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse, what: string) =>
    json(res, 404, { error: { code: 404, message: `No such object: ${what}` } });

  const preconditionFails = (url: URL, bucket: string, name: string) => {
    const wanted = url.searchParams.get('ifGenerationMatch');
    if (wanted === null) return false;
    const current = objects.get(`${bucket}/${name}`)?.generation ?? 0;
    return Number(wanted) !== current;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (error) {
        json(res, 500, { error: { code: 500, message: String(error) } });
      }
    });
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? '/', endpoint);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    if (upload) return handleUpload(req, res, url, decodeURIComponent(upload[1] ?? ''), body);

    const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(path);
    if (object) {
      const bucket = decodeURIComponent(object[1] ?? '');
      const name = decodeURIComponent(object[2] ?? '');
      const found = objects.get(`${bucket}/${name}`);
      if (method === 'DELETE') {
        if (!found) return notFound(res, name);
        objects.delete(`${bucket}/${name}`);
        res.writeHead(204).end();
        return;
      }
      if (!found) return notFound(res, name);
      // No object versioning here: only the live generation can be read.
      const generationWanted = url.searchParams.get('generation');
      if (generationWanted !== null && Number(generationWanted) !== found.generation) {
        return notFound(res, `${name}#${generationWanted}`);
      }
      if (url.searchParams.get('alt') === 'media') {
        const meta = metadataOf(found);
        res.writeHead(200, {
          'content-type': found.contentType,
          'content-length': String(found.data.length),
          'x-goog-hash': `crc32c=${meta.crc32c},md5=${meta.md5Hash}`,
          'x-goog-generation': String(found.generation),
        });
        res.end(found.data);
        return;
      }
      return json(res, 200, metadataOf(found));
    }

    const list = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    if (list && method === 'GET') {
      const bucket = decodeURIComponent(list[1] ?? '');
      const prefix = url.searchParams.get('prefix') ?? '';
      const requested = Number(url.searchParams.get('maxResults') ?? 1000);
      const pageSize = Math.min(requested, options.pageSize ?? 1000);
      const start = url.searchParams.get('pageToken') ?? '';
      const names = [...objects.values()]
        .filter((o) => o.bucket === bucket && o.name.startsWith(prefix) && o.name > start)
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = names.slice(0, pageSize);
      const last = page[page.length - 1];
      return json(res, 200, {
        kind: 'storage#objects',
        items: page.map(metadataOf),
        ...(names.length > pageSize && last ? { nextPageToken: last.name } : {}),
      });
    }

    json(res, 501, { error: { code: 501, message: `fake GCS: ${method} ${path} not covered` } });
  }

  function handleUpload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    bucket: string,
    body: Buffer,
  ) {
    const type = url.searchParams.get('uploadType');
    const name = url.searchParams.get('name') ?? '';
    const uploadId = url.searchParams.get('upload_id');

    if (uploadId) {
      const session = sessions.get(uploadId);
      if (!session) return json(res, 404, { error: { code: 404, message: 'no such upload' } });
      session.chunks.push(body);
      session.received += body.length;
      const range = /bytes (?:\d+-(?:\d+|\*)|\*)\/(\d+|\*)/.exec(
        String(req.headers['content-range']),
      );
      const total = range?.[1];
      const complete =
        total === undefined || total === '*' ? false : Number(total) === session.received;
      // `bytes 0-*/*` is the client's single-request mode: the request body is the whole object.
      const singleRequest =
        total === '*' && /bytes \d+-\*\/\*/.test(String(req.headers['content-range']));
      if (complete || singleRequest) {
        sessions.delete(uploadId);
        const o = store(
          session.bucket,
          session.name,
          Buffer.concat(session.chunks),
          session.contentType,
        );
        return json(res, 200, metadataOf(o));
      }
      res.writeHead(308, session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {});
      res.end();
      return;
    }

    if (type === 'resumable') {
      if (preconditionFails(url, bucket, name)) {
        return json(res, 412, { error: { code: 412, message: 'Precondition Failed' } });
      }
      const meta =
        body.length > 0 ? (JSON.parse(body.toString('utf8')) as { contentType?: string }) : {};
      const id = crypto.randomUUID();
      sessions.set(id, {
        bucket,
        name,
        contentType: String(
          req.headers['x-upload-content-type'] ?? meta.contentType ?? 'application/octet-stream',
        ),
        chunks: [],
        received: 0,
      });
      uploads.push('resumable');
      res.writeHead(200, {
        location: `${endpoint}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}`,
      });
      res.end();
      return;
    }

    if (type === 'multipart') {
      const boundary = /boundary="?([^";]+)"?/.exec(String(req.headers['content-type']))?.[1];
      if (!boundary) return json(res, 400, { error: { code: 400, message: 'no boundary' } });
      const parts = splitMultipart(body, boundary);
      const metaPart = parts[0];
      const mediaPart = parts[1];
      if (!metaPart || !mediaPart)
        return json(res, 400, { error: { code: 400, message: 'bad multipart' } });
      const meta = JSON.parse(metaPart.body.toString('utf8')) as {
        name?: string;
        contentType?: string;
      };
      const objectName = meta.name ?? name;
      if (preconditionFails(url, bucket, objectName)) {
        return json(res, 412, { error: { code: 412, message: 'Precondition Failed' } });
      }
      uploads.push('multipart');
      const o = store(
        bucket,
        objectName,
        mediaPart.body,
        meta.contentType ?? mediaPart.contentType,
      );
      return json(res, 200, metadataOf(o));
    }

    if (type === 'media' || type === null) {
      if (preconditionFails(url, bucket, name)) {
        return json(res, 412, { error: { code: 412, message: 'Precondition Failed' } });
      }
      uploads.push('media');
      const o = store(
        bucket,
        name,
        body,
        String(req.headers['content-type'] ?? 'application/octet-stream'),
      );
      return json(res, 200, metadataOf(o));
    }
    json(res, 400, { error: { code: 400, message: `uploadType ${type} not covered` } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    uploads,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Splits a `multipart/related` body into parts (headers are parsed for the content type only). */
function splitMultipart(body: Buffer, boundary: string): { contentType: string; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { contentType: string; body: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const chunk = body.subarray(start + delimiter.length, next);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      let content = chunk.subarray(headerEnd + 4);
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
      const contentType =
        /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      parts.push({ contentType, body: content });
    }
    start = next;
  }
  return parts;
}

function crc32cOf(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}
