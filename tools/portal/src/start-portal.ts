import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPortalPackage, PORTAL_PACKAGES, type PortalPackage } from './catalogue.ts';
import {
  DatastoreValidationError,
  datastoreLinks,
  loadTable,
  parseDatastoreQuery,
  sortedRowIndexes,
} from './datastore.ts';
import { FaultInjector, type ActiveFault, type FaultTarget } from './faults.ts';
import {
  csvResourceId,
  DATASTORE_MAX_BYTES,
  dictionaryResourceId,
  loadRecordedOrganization,
  notFoundEnvelope,
  packageShowEnvelope,
} from './package-show.ts';
import { serveFile } from './serve-file.ts';
import {
  currentSnapshot,
  findDictionary,
  scanSnapshots,
  type PortalSnapshot,
} from './snapshots.ts';

/** The bundled ANEEL files (`tools/portal/data/aneel`). */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data/aneel', import.meta.url));

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Options of {@link startPortal}. */
export interface PortalOptions {
  /** Folder laid out `<package>/<yyyy-mm-dd>/<file>` (default: the bundled ANEEL files). */
  readonly dataDir?: string;
  /**
   * More folders with the same layout, e.g. one holding a synthetic
   * `empreendimento-geracao-distribuida/<date>/empreendimento-geracao-distribuida.csv`. A file
   * here replaces a bundled one of the same package and date.
   */
  readonly extraDirs?: readonly string[];
  /** Loopback address to bind (default `127.0.0.1`; any other host is refused). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** The portal's clock, `yyyy-mm-dd` or a Date: newer snapshots are hidden (default: latest). */
  readonly asOf?: string | Date;
}

/** One request the portal answered, for assertions in tests. */
export interface PortalRequest {
  readonly method: string;
  /** Path and query as requested. */
  readonly url: string;
  readonly status: number;
  /** Package the request was about, when there is one. */
  readonly package?: string;
  /** Fault played for this request, when there was one. */
  readonly fault?: string;
  /** `Range`, `If-None-Match` and `If-Modified-Since` headers as sent. */
  readonly headers: {
    readonly range?: string;
    readonly ifNoneMatch?: string;
    readonly ifModifiedSince?: string;
  };
}

/** A running offline portal. */
export interface Portal {
  /** Base URL, `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** Moves the portal's clock (`yyyy-mm-dd` or Date); undefined goes back to "latest". */
  setAsOf(date: string | Date | undefined): void;
  /** Armed failure modes, per package. */
  readonly faults: FaultInjector;
  /** Every (package, data date) CSV snapshot available, sorted by package and date. */
  snapshots(): Promise<PortalSnapshot[]>;
  /** Requests answered since the start (or the last {@link Portal.clearRequests}), oldest first. */
  requests(): readonly PortalRequest[];
  /** Forgets the requests recorded so far. */
  clearRequests(): void;
}

function toDay(date: string | Date): string {
  const day = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new Error(`Invalid portal date \`${String(date)}\`; give yyyy-mm-dd or a Date.`);
  }
  return day;
}

const MAINTENANCE_PAGE =
  '<!DOCTYPE html>\n<html lang="pt-BR"><head><meta charset="utf-8"><title>Em manutenção</title></head>' +
  '<body><h1>Portal em manutenção</h1><p>O Portal de Dados Abertos da ANEEL está temporariamente ' +
  'indisponível. Tente novamente mais tarde.</p></body></html>\n';

function sendJson(res: ServerResponse, status: number, body: unknown, truncate = false): void {
  // CKAN answers ASCII JSON, escaping every non-ASCII character as \uXXXX.
  const json = JSON.stringify(body).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const bytes = Buffer.from(json, 'ascii');
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': bytes.length,
  });
  if (truncate) {
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  res.end(bytes);
}

/**
 * Starts a CKAN-compatible portal on loopback that replays the bundled ANEEL files:
 * `package_show`, resource downloads (ETag, Last-Modified, 304, ranges, HEAD) and
 * `datastore_search` with ANEEL's paging quirks. See `tools/portal/README.md`.
 */
export async function startPortal(options: PortalOptions = {}): Promise<Portal> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new Error(`The offline portal binds loopback only, not \`${host}\`; use 127.0.0.1.`);
  }
  const dataDir = path.resolve(options.dataDir ?? BUNDLED_DATA_DIR);
  const dirs = [dataDir, ...(options.extraDirs ?? []).map((d) => path.resolve(d))];
  const recorded = await loadRecordedOrganization(dataDir);
  const faults = new FaultInjector();
  const log: PortalRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let asOf = options.asOf === undefined ? undefined : toDay(options.asOf);
  let origin = '';

  const snapshotOf = async (pkg: string) => currentSnapshot(await scanSnapshots(dirs), pkg, asOf);

  /** Finds the package and kind of a resource id. */
  const resourceOwner = (
    id: string,
  ): { pkg: PortalPackage; kind: 'csv' | 'dictionary' } | undefined => {
    for (const pkg of PORTAL_PACKAGES) {
      if (csvResourceId(pkg.name) === id) return { pkg, kind: 'csv' };
      if (dictionaryResourceId(pkg.name) === id) return { pkg, kind: 'dictionary' };
    }
    return undefined;
  };

  /** Plays a fault; returns true when the response was fully handled by it. */
  const playFault = async (res: ServerResponse, fault: ActiveFault): Promise<boolean> => {
    if (fault.kind === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.delayMs);
        timers.add(timer);
      });
      return res.destroyed;
    }
    if (fault.kind === 'html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(MAINTENANCE_PAGE);
      return true;
    }
    if (fault.kind === 'empty') {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': 0 }).end();
      return true;
    }
    if (fault.kind.startsWith('status:')) {
      const status = Number(fault.kind.slice('status:'.length));
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
      if (status === 429 || status >= 500) headers['Retry-After'] = fault.retryAfter;
      res.writeHead(status, headers).end(`<html><body><h1>${status}</h1></body></html>\n`);
      return true;
    }
    return false;
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    note: (pkg: string, fault?: string) => void,
  ) => {
    const url = new URL(req.url ?? '/', origin);
    const params = url.searchParams;
    const route = async (pkgName: string, target: Exclude<FaultTarget, 'any'>) => {
      const fault = faults.take(pkgName, target);
      note(pkgName, fault?.kind);
      if (fault && (await playFault(res, fault))) return { handled: true, truncate: false };
      return { handled: false, truncate: fault?.kind === 'truncate' };
    };

    if (url.pathname === '/api/3/action/package_show') {
      const id = params.get('id') ?? '';
      const pkg = findPortalPackage(id);
      if (!pkg) return sendJson(res, 404, notFoundEnvelope(origin, 'package_show'));
      const play = await route(pkg.name, 'package_show');
      if (play.handled) return;
      const envelope = await packageShowEnvelope({
        origin,
        pkg,
        snapshot: await snapshotOf(pkg.name),
        dictionary: await findDictionary(dirs, pkg),
        recorded,
      });
      return sendJson(res, 200, envelope, play.truncate);
    }

    const download = /^\/dataset\/([^/]+)\/resource\/([^/]+)\/download\/([^/]+)$/.exec(
      url.pathname,
    );
    if (download && (req.method === 'GET' || req.method === 'HEAD')) {
      const owner = resourceOwner(download[2] ?? '');
      if (!owner || owner.pkg.name !== download[1]) {
        return sendJson(res, 404, notFoundEnvelope(origin, 'resource_show', 'Resource not found'));
      }
      const play = await route(owner.pkg.name, 'download');
      if (play.handled) return;
      if (owner.kind === 'dictionary') {
        const dictionary = await findDictionary(dirs, owner.pkg);
        if (!dictionary)
          return sendJson(
            res,
            404,
            notFoundEnvelope(origin, 'resource_show', 'Resource not found'),
          );
        return serveFile(req, res, {
          path: dictionary.path,
          contentType: 'application/pdf',
          lastModified: new Date('2022-06-01T00:00:00Z'),
          truncate: play.truncate,
        });
      }
      const snapshot = await snapshotOf(owner.pkg.name);
      if (!snapshot)
        return sendJson(res, 404, notFoundEnvelope(origin, 'resource_show', 'Resource not found'));
      return serveFile(req, res, {
        path: snapshot.path,
        contentType: 'text/csv',
        lastModified: new Date(`${snapshot.dataDate}T00:00:00Z`),
        truncate: play.truncate,
      });
    }

    if (url.pathname === '/api/3/action/datastore_search') {
      const id = params.get('resource_id') ?? params.get('id') ?? '';
      const owner = resourceOwner(id);
      const snapshot = owner?.kind === 'csv' ? await snapshotOf(owner.pkg.name) : undefined;
      if (!owner || !snapshot || snapshot.bytes > DATASTORE_MAX_BYTES) {
        return sendJson(
          res,
          404,
          notFoundEnvelope(
            origin,
            'datastore_search',
            `Not found: Resource "${id}" was not found.`,
          ),
        );
      }
      const play = await route(owner.pkg.name, 'datastore');
      if (play.handled) return;
      const table = await loadTable(snapshot.path);
      let query;
      try {
        query = parseDatastoreQuery(params, table.fields);
      } catch (error) {
        if (!(error instanceof DatastoreValidationError)) throw error;
        return sendJson(res, 409, {
          help: `${origin}/api/3/action/help_show?name=datastore_search`,
          error: { __type: 'Validation Error', [error.field]: [error.message] },
          success: false,
        });
      }
      const order = sortedRowIndexes(table, query);
      const records = order.slice(query.offset, query.offset + query.limit).map((i) => {
        const row = table.rows[i] ?? [];
        const record: Record<string, string | number> = { _id: i + 1 };
        table.fields.forEach((f, c) => (record[f] = row[c] ?? ''));
        return record;
      });
      const sort = params.get('sort');
      return sendJson(
        res,
        200,
        {
          help: `${origin}/api/3/action/help_show?name=datastore_search`,
          success: true,
          result: {
            include_total: true,
            limit: query.limit,
            records_format: 'objects',
            resource_id: id,
            total_estimation_threshold: null,
            records,
            fields: [
              { id: '_id', type: 'int' },
              ...table.fields.map((f) => ({ id: f, type: 'text' })),
            ],
            ...(sort ? { sort } : {}),
            ...(params.has('offset') ? { offset: query.offset } : {}),
            _links: datastoreLinks(url.pathname, params, query.offset, query.limit),
            total: table.rows.length,
            total_was_estimated: false,
          },
        },
        play.truncate,
      );
    }

    return sendJson(res, 404, notFoundEnvelope(origin, 'unknown', 'Not found'));
  };

  const server = createServer((req, res) => {
    let pkg: string | undefined;
    let fault: string | undefined;
    res.on('close', () => {
      log.push({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        status: res.statusCode,
        ...(pkg === undefined ? {} : { package: pkg }),
        ...(fault === undefined ? {} : { fault }),
        headers: {
          ...(req.headers.range === undefined ? {} : { range: req.headers.range }),
          ...(req.headers['if-none-match'] === undefined
            ? {}
            : { ifNoneMatch: req.headers['if-none-match'] }),
          ...(req.headers['if-modified-since'] === undefined
            ? {}
            : { ifModifiedSince: req.headers['if-modified-since'] }),
        },
      });
    });
    handle(req, res, (p, f) => {
      pkg = p;
      fault = f;
    }).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else
        sendJson(res, 500, {
          success: false,
          error: { __type: 'Internal Error', message: String(error) },
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url: origin,
    faults,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setAsOf: (date) => {
      asOf = date === undefined ? undefined : toDay(date);
    },
    snapshots: () => scanSnapshots(dirs),
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
  };
}
