import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { getDataset, listDatasets, type DatasetId } from '@matriz/core';
import {
  DEFAULT_API_LIMITS,
  handleApiRequest,
  silverDatasetPrefix,
  snapshotDatesOf,
  type ApiDeps,
  type Logger,
} from '@matriz/pipeline';
import { FileLog, FsObjectStore, FsStateStore, foldStream } from '@matriz/runtime-local';
import { z } from 'zod';

import { parseCommandArgs } from './args.ts';
import type { Command, CommandContext } from './command.ts';

/** The pieces `serve` takes from the composition root (the CLI wires the real ones). */
export interface ServeFactory {
  /** Runs ingestion of one dataset (the pipeline's run for the lake). Default: not wired (500). */
  ingest?(lake: string, dataset: DatasetId): Promise<unknown>;
  /** Datasets and freshness. Default: registry ids with the silver snapshots found in the lake. */
  datasets?(lake: string): Promise<unknown>;
  /** Latest quality findings. Default: `quality/latest.json` of the lake, or an empty list. */
  quality?(lake: string): Promise<unknown>;
  /** Folder of static pages served for non-API GET paths (`/` is `index.html`). */
  staticDir?: string;
  /** HTML pages rendered per request from the lake (`/` the dashboard, `/quality.html`). */
  pages?: Readonly<Record<string, (lake: string) => Promise<string>>>;
}

export interface ServerOptions {
  readonly lake: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token: string;
  readonly factory?: ServeFactory;
  readonly logger?: Logger;
  /** Milliseconds between consumer polls of the stream (default 500). */
  readonly pollMs?: number;
  readonly maxBodyBytes?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops accepting requests, lets the consumer finish its batch, resolves when both are done. */
  close(): Promise<void>;
}

const API_PREFIXES = ['/health', '/datasets', '/quality', '/plants/', '/ingest/', '/records/'];

/**
 * Starts the local API on 127.0.0.1 (the API Gateway stand-in) and the consumer loop that folds
 * `<lake>/stream/changes` into `<lake>/state` (consumer `state`, batches of 100).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const lake = path.resolve(options.lake);
  const factory = options.factory ?? {};
  const log = new FileLog(path.join(lake, 'stream', 'changes'));
  const state = new FsStateStore(path.join(lake, 'state'));
  const store = new FsObjectStore(lake);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_API_LIMITS.maxBodyBytes;
  const deps: ApiDeps = {
    token: options.token,
    dataset: (id) => getDataset(id),
    producer: log,
    state,
    limits: { maxBodyBytes },
    ingest: (id) => {
      if (!factory.ingest)
        throw new Error('ingestion is not wired into this server; run `matriz run` instead');
      return factory.ingest(lake, id);
    },
    datasets: async () =>
      factory.datasets
        ? factory.datasets(lake)
        : Promise.all(
            listDatasets().map(async (def) => {
              const dates = snapshotDatesOf(
                (await store.list(silverDatasetPrefix(def.id))).map((o) => o.key),
              );
              return {
                id: def.id,
                title: def.title,
                cadence: def.cadence.every,
                snapshots: dates,
                latest: dates.at(-1) ?? null,
              };
            }),
          ),
    quality: async () => {
      if (factory.quality) return factory.quality(lake);
      const latest = await store.get('quality/latest.json');
      return latest ? JSON.parse(new TextDecoder().decode(latest)) : { findings: [] };
    },
  };

  const server = http.createServer((req, res) => {
    void respond(req, res).catch((error: unknown) => {
      options.logger?.error('serve_failed', { message: (error as Error).message });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: 'internal_error',
          message: 'Unexpected failure; check the server log.',
        }),
      );
    });
  });

  async function respond(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = API_PREFIXES.some(
      (p) => url.pathname === p.replace(/\/$/, '') || url.pathname.startsWith(p),
    );
    const page = factory.pages?.[url.pathname];
    if (page && (req.method === 'GET' || req.method === 'HEAD')) {
      const html = await page(lake);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    if (!isApi && factory.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      if (await serveStatic(factory.staticDir, url.pathname, res)) return;
    }
    const body = await readBody(req, maxBodyBytes + 1);
    const response = await handleApiRequest(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      },
      deps,
    );
    res.writeHead(response.status, response.headers);
    res.end(req.method === 'HEAD' ? undefined : response.body);
    if (body.byteLength > maxBodyBytes) req.destroy();
  }

  // The consumer loop: fold whatever arrived, then wait a little.
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      try {
        await foldStream({
          log,
          consumer: 'state',
          store: state,
          batchSize: 100,
          ...(options.logger ? { logger: options.logger } : {}),
        });
      } catch (error) {
        options.logger?.error('consumer_failed', { message: (error as Error).message });
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollMs ?? 500);
      });
    }
  })();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      stopping = true;
      wake?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await loop;
    },
  };
}

/** Reads at most `limit` bytes of a request body (enough to tell that it is too large). */
async function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves a file under `dir` for a URL path; false when there is none (or it escapes `dir`). */
async function serveStatic(
  dir: string,
  urlPath: string,
  res: http.ServerResponse,
): Promise<boolean> {
  const root = path.resolve(dir);
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const file = path.resolve(root, '.' + relative);
  if (!file.startsWith(root + path.sep)) return false;
  try {
    const data = await fs.readFile(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    res.end(data);
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  lake: z.string().optional(),
  positionals: z.array(z.string()).length(0, 'takes no positional arguments'),
});

/** Builds the `serve` command over the composition root's pieces. */
export function createServeCommand(factory: ServeFactory = {}): Command {
  return {
    name: 'serve',
    summary:
      'Serve the ingestion and read API on 127.0.0.1 and fold the change stream into the state store.',
    usage:
      'matriz serve [--port N] [--lake DIR]\n' +
      '  Writes need `Authorization: Bearer <token>`: MATRIZ_API_TOKEN, or a token printed at start.',
    async run(args, ctx: CommandContext) {
      const opts = parseCommandArgs(
        args,
        { port: { type: 'string' }, lake: { type: 'string' } },
        schema,
      );
      const lake = path.resolve(opts.lake ?? ctx.lake);
      let token = ctx.env['MATRIZ_API_TOKEN'] ?? '';
      if (token === '') {
        token = randomBytes(24).toString('base64url');
        ctx.stderr.write(
          `API token (printed once; set MATRIZ_API_TOKEN to choose one): ${token}\n`,
        );
      }
      const server = await startServer({
        lake,
        port: opts.port,
        token,
        factory,
        logger: ctx.logger,
      });
      ctx.stderr.write(`matriz API on ${server.url} (lake ${lake}); Ctrl-C stops it\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return 0;
    },
  };
}
