import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BUNDLED_DATA_DIR, startPortal, type Portal } from '@matriz/portal';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCkanClient,
  datastoreToCsv,
  SourceError,
  SourceNotDataError,
  type CkanClientOptions,
  type DatastorePage,
} from '../../src/extract/index.ts';

const SIGA = 'siga-empreendimentos-geracao';
const TERM = 'usina-termeletrica-tipo';
const GD = 'empreendimento-geracao-distribuida';
/** Rows of the synthetic GD file: more than one 32 000-record page (field case C6). */
const SYNTHETIC_ROWS = 45_000;

let portal: Portal;
let extraDir: string;
let sleeps: number[];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function client(options: Partial<CkanClientOptions> = {}) {
  return createCkanClient({
    baseUrl: portal.url,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...options,
  });
}

async function caught(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

const downloadsOf = (pkg: string) =>
  portal.requests().filter((r) => r.package === pkg && r.url.startsWith(`/dataset/${pkg}/`));

beforeAll(async () => {
  // SYNTHETIC: a distributed-generation file with 45 000 made-up rows, in the shape of C3.
  extraDir = await mkdtemp(path.join(tmpdir(), 'ckan-client-'));
  const dir = path.join(extraDir, GD, '2026-11-01');
  await mkdir(dir, { recursive: true });
  const lines = ['CodEmpreendimento;SigUF;MdaPotenciaInstaladaKW'];
  for (let i = 1; i <= SYNTHETIC_ROWS; i += 1) {
    lines.push(
      `GD.SYNTH.${String(i).padStart(6, '0')};BA;${i % 97},${String(i % 100).padStart(2, '0')}`,
    );
  }
  await writeFile(path.join(dir, `${GD}.csv`), `${lines.join('\r\n')}\r\n`);
  portal = await startPortal({ extraDirs: [extraDir] });
});

afterAll(async () => {
  await portal.close();
  await rm(extraDir, { recursive: true, force: true });
});

beforeEach(() => {
  sleeps = [];
  portal.faults.clear();
  portal.setAsOf(undefined);
  portal.clearRequests();
});

describe('packageShow and findResource', () => {
  it('finds the CSV resource by file name, case-insensitively', async () => {
    const ckan = client();
    const pkg = await ckan.packageShow(SIGA);
    const resource = await ckan.findResource(pkg, 'SIGA-Empreendimentos-Geracao.CSV');
    expect(pkg.name).toBe(SIGA);
    expect(resource.format).toBe('CSV');
    expect(resource.url).toBe(
      `${portal.url}/dataset/${SIGA}/resource/${resource.id}/download/${SIGA}.csv`,
    );
  });

  it('turns CKAN success:false into a clear error naming the URL', async () => {
    const error = await caught(client().packageShow('nao-existe'));
    expect(error.code).toBe('source_ckan_error');
    expect(error.url).toBe(`${portal.url}/api/3/action/package_show?id=nao-existe`);
    expect(error.message).toContain('Not Found Error');
  });

  it('lists the resources when the file name is not there', async () => {
    const error = await caught(client().findResource(SIGA, 'siga.csv'));
    expect(error.code).toBe('source_resource_missing');
    expect(error.message).toContain('`siga.csv`');
    expect(error.message).toContain(`${SIGA} [CSV]`);
    expect(error.message).toContain('Dicionário de dados [PDF]');
  });
});

describe('download', () => {
  it('streams the exact bytes, then does not fetch an unchanged resource twice', async () => {
    const ckan = client();
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    const first = await ckan.download(resource);
    if (first.status !== 'ok') throw new Error('expected a body');
    const bytes = await readAll(first.body);
    const bundled = await readFile(path.join(BUNDLED_DATA_DIR, TERM, '2024-07-01', `${TERM}.csv`));
    expect(sha256(bytes)).toBe(sha256(bundled));
    expect(first.contentLength).toBe(bundled.length);
    expect(first.lastModified).toBe('Mon, 01 Jul 2024 00:00:00 GMT');

    const again = await ckan.download(resource, {
      etag: first.etag!,
      lastModified: first.lastModified!,
    });
    expect(again.status).toBe('not_modified');
    const byDate = await ckan.download(resource, { lastModified: first.lastModified! });
    expect(byDate.status).toBe('not_modified');
    expect(downloadsOf(TERM).map((r) => r.status)).toEqual([200, 304, 304]);
    expect(downloadsOf(TERM)[1]?.headers.ifNoneMatch).toBe(first.etag);
  });

  it('downloads again once the portal publishes a newer snapshot', async () => {
    const ckan = client();
    portal.setAsOf('2024-04-01');
    const old = await ckan.download(await ckan.findResource(TERM, `${TERM}.csv`));
    if (old.status !== 'ok') throw new Error('expected a body');
    await readAll(old.body);
    portal.setAsOf('2024-07-01');
    const next = await ckan.download(await ckan.findResource(TERM, `${TERM}.csv`), {
      etag: old.etag!,
    });
    expect(next.status).toBe('ok');
    if (next.status === 'ok') expect(next.etag).not.toBe(old.etag);
    if (next.status === 'ok') await readAll(next.body);
  });

  it('retries 429 and 503, honouring Retry-After, then succeeds', async () => {
    const ckan = client({ retries: 4 });
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    portal.faults.set(TERM, 'status:429', 2, { on: 'download', retryAfter: '3' });
    portal.faults.set(TERM, 'status:503', 1, { on: 'download', retryAfter: '' });
    const result = await ckan.download(resource);
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect((await readAll(result.body)).length).toBe(resource.size);
    // Two Retry-After: 3 waits, then backoff with the lowest jitter: 500 ms * 2^2 * 0.5.
    expect(sleeps).toEqual([3000, 3000, 1000]);
    expect(downloadsOf(TERM).map((r) => r.status)).toEqual([429, 429, 503, 200]);
  });

  it('gives up after the configured retries with a clear error', async () => {
    const ckan = client({ retries: 2 });
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    portal.faults.set(TERM, 'status:503', 10, { on: 'download' });
    const error = await caught(ckan.download(resource));
    expect(error.code).toBe('source_http_503');
    expect(error.url).toBe(resource.url);
    expect(error.message).toContain('after 3 attempt(s)');
    expect(downloadsOf(TERM)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry a 404', async () => {
    const ckan = client();
    const error = await caught(
      ckan.download({ url: `${portal.url}/dataset/${TERM}/resource/nope/download/x.csv` }),
    );
    expect(error.code).toBe('source_http_404');
    expect(sleeps).toEqual([]);
  });

  it('times out a slow answer, retries, and reports source_timeout when every attempt is slow', async () => {
    const ckan = client({ retries: 1, timeoutMs: 300 });
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    portal.faults.set(TERM, 'slow', 1, { on: 'download', delayMs: 3000 });
    const recovered = await ckan.download(resource);
    expect(recovered.status).toBe('ok');
    if (recovered.status === 'ok') await readAll(recovered.body);

    portal.faults.set(TERM, 'slow', 2, { on: 'download', delayMs: 3000 });
    const started = Date.now();
    const error = await caught(ckan.download(resource));
    expect(error.code).toBe('source_timeout');
    expect(error.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(2500);
    // The portal logs an aborted request when its socket closes: wait for all four attempts.
    await expect
      .poll(() =>
        downloadsOf(TERM)
          .map((r) => r.fault ?? 'none')
          .sort(),
      )
      .toEqual(['none', 'slow', 'slow', 'slow']);
  });

  it('turns a 200 HTML maintenance page into source_not_data and keeps the payload', async () => {
    const ckan = client();
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    portal.faults.set(TERM, 'html', 1, { on: 'download' });
    const error = await caught(ckan.download(resource));
    expect(error).toBeInstanceOf(SourceNotDataError);
    const notData = error as SourceNotDataError;
    expect(notData.code).toBe('source_not_data');
    expect(notData.reason).toBe('html');
    const payload = new TextDecoder().decode(notData.payload);
    expect(payload.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(payload).toContain('Portal em manutenção');
    expect(payload.endsWith('</html>\n')).toBe(true);
    expect(notData.contentType).toBe('text/html; charset=utf-8');
    expect(downloadsOf(TERM)).toHaveLength(1);
  });

  it('turns a 200 empty body into source_not_data', async () => {
    const ckan = client();
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    portal.faults.set(TERM, 'empty', 1, { on: 'download' });
    const error = await caught(ckan.download(resource));
    expect(error.code).toBe('source_not_data');
    expect((error as SourceNotDataError).reason).toBe('empty');
    expect((error as SourceNotDataError).payload).toHaveLength(0);
  });

  it('turns an HTML package_show into source_not_data', async () => {
    portal.faults.set(SIGA, 'html', 1, { on: 'package_show' });
    const error = await caught(client().packageShow(SIGA));
    expect(error.code).toBe('source_not_data');
  });

  it('fails the body stream with source_incomplete when the connection closes mid-body', async () => {
    const ckan = client();
    const resource = await ckan.findResource(SIGA, `${SIGA}.csv`);
    portal.faults.set(SIGA, 'truncate', 1, { on: 'download' });
    const result = await ckan.download(resource);
    if (result.status !== 'ok') throw new Error('expected a body');
    const error = await caught(readAll(result.body));
    expect(error.code).toBe('source_incomplete');
    expect(error.url).toBe(resource.url);
  });
});

describe('datastoreSearchAll', () => {
  it('pages a synthetic 45 000-row table past the 32 000 cap, each row exactly once', async () => {
    const ckan = client();
    const resource = await ckan.findResource(GD, `${GD}.csv`);
    const sizes: number[] = [];
    const seen = new Set<unknown>();
    for await (const page of ckan.datastoreSearchAll(resource.id, { pageSize: 50_000 })) {
      sizes.push(page.records.length);
      for (const record of page.records) seen.add(record['CodEmpreendimento']);
      expect(page.total).toBe(SYNTHETIC_ROWS);
    }
    expect(sizes).toEqual([32_000, 13_000]);
    expect(seen.size).toBe(SYNTHETIC_ROWS);
    const requests = portal.requests().filter((r) => r.url.includes('datastore_search'));
    expect(requests).toHaveLength(2);
    expect(requests[1]?.url).toContain('offset=32000');
    expect(requests[0]?.url).toContain('sort=_id+asc');
  });

  it('stops at the empty last page and fails loudly when the count does not reconcile', async () => {
    // The portal is real; the wrapper only inflates `total`, as a portal that lost rows would.
    const inflating: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('datastore_search')) return res;
      const body = (await res.json()) as { result: { total: number } };
      body.result.total = 50_000;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const ckan = client({ fetch: inflating });
    const resource = await ckan.findResource(GD, `${GD}.csv`);
    let fetched = 0;
    const error = await caught(
      (async () => {
        for await (const page of ckan.datastoreSearchAll(resource.id))
          fetched += page.records.length;
      })(),
    );
    expect(fetched).toBe(SYNTHETIC_ROWS);
    expect(error.code).toBe('source_incomplete');
    expect(error.message).toContain(`${SYNTHETIC_ROWS} of 50000 records`);
    // ceil(50 000 / 32 000) + 1 = 3 requests, the last one answering an empty page with a `next`.
    expect(portal.requests().filter((r) => r.url.includes('datastore_search'))).toHaveLength(3);
  });

  it('fails when the table is replaced while paging', async () => {
    const ckan = client();
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    const error = await caught(
      (async () => {
        for await (const page of ckan.datastoreSearchAll(resource.id, { pageSize: 500 })) {
          expect(page.total).toBe(1207);
          portal.setAsOf('2024-04-01');
        }
      })(),
    );
    expect(error.code).toBe('source_incomplete');
    expect(error.message).toContain('from 1207 to 1181');
  });

  it('rebuilds the real file as UTF-8 CSV from the datastore', async () => {
    const ckan = client();
    const resource = await ckan.findResource(TERM, `${TERM}.csv`);
    const pages: DatastorePage[] = [];
    const chunks: Uint8Array[] = [];
    const recording = async function* () {
      for await (const page of ckan.datastoreSearchAll(resource.id, { pageSize: 400 })) {
        pages.push(page);
        yield page;
      }
    };
    for await (const chunk of datastoreToCsv(recording())) chunks.push(chunk);
    const bundled = await readFile(path.join(BUNDLED_DATA_DIR, TERM, '2024-07-01', `${TERM}.csv`));
    expect(pages.map((p) => p.records.length)).toEqual([400, 400, 400, 7]);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(iconv.decode(bundled, 'win1252'));
  });
});
