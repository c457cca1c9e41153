/**
 * A recorder speaking just enough of the BigQuery REST API (v2) on 127.0.0.1 for the real
 * `@google-cloud/bigquery` client to create jobs, wait for them and read results. It does not
 * run SQL and does not load data: there is no BigQuery emulator, so the tests pin the SQL and
 * the job configuration the client sends, and this server answers with the canned results the
 * test gives it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown> | undefined;
}

export interface FakeBigQuery {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Rows returned by the next queries, as `{ name: value }` (all values rendered as strings). */
  rows: Record<string, string | null>[];
  /** `numRows` reported by tables.get. */
  numRows: number;
  /** `outputRows` reported by load jobs. */
  outputRows: number;
  close(): Promise<void>;
}

export async function startFakeBigQuery(): Promise<FakeBigQuery> {
  const requests: RecordedRequest[] = [];
  const state = { rows: [] as Record<string, string | null>[], numRows: 0, outputRows: 0 };
  const jobs = new Map<string, Record<string, unknown>>();
  let counter = 0;

  const queryResult = (jobReference: unknown) => {
    const names = Object.keys(state.rows[0] ?? {});
    return {
      kind: 'bigquery#queryResponse',
      jobReference,
      jobComplete: true,
      totalRows: String(state.rows.length),
      schema: { fields: names.map((name) => ({ name, type: 'STRING', mode: 'NULLABLE' })) },
      rows: state.rows.map((r) => ({ f: names.map((n) => ({ v: r[n] ?? null })) })),
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      requests.push({ method: req.method ?? 'GET', path: url.pathname, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const p = url.pathname.replace(/^\/bigquery\/v2/, '');
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && (m = /^\/projects\/([^/]+)\/jobs$/.exec(p))) {
        const ref = (body?.['jobReference'] as Record<string, unknown> | undefined) ?? {};
        const jobId = String(ref['jobId'] ?? `job_${++counter}`);
        const configuration = body?.['configuration'] as Record<string, unknown> | undefined;
        const job = {
          kind: 'bigquery#job',
          id: `${m[1]}:${ref['location'] ?? 'US'}.${jobId}`,
          jobReference: { projectId: m[1], jobId, location: ref['location'] },
          configuration,
          status: { state: 'DONE' },
          statistics: configuration?.['load']
            ? { load: { outputRows: String(state.outputRows) } }
            : {},
        };
        jobs.set(jobId, job);
        return send(200, job);
      }
      if (req.method === 'GET' && (m = /^\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(p))) {
        const job = jobs.get(decodeURIComponent(m[2] ?? ''));
        return job ? send(200, job) : send(404, { error: { code: 404, message: 'no job' } });
      }
      if (req.method === 'POST' && (m = /^\/projects\/([^/]+)\/queries$/.exec(p))) {
        return send(
          200,
          queryResult({ projectId: m[1], jobId: `q_${++counter}`, location: body?.['location'] }),
        );
      }
      if (req.method === 'GET' && (m = /^\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(p))) {
        return send(200, queryResult({ projectId: m[1], jobId: m[2] }));
      }
      if (
        req.method === 'GET' &&
        (m = /^\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/.exec(p))
      ) {
        return send(200, {
          kind: 'bigquery#table',
          tableReference: { projectId: m[1], datasetId: m[2], tableId: m[3] },
          numRows: String(state.numRows),
        });
      }
      send(501, { error: { code: 501, message: `fake BigQuery: ${req.method} ${p} not covered` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    endpoint,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  });
}
