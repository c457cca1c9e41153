import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvResourceId } from '../src/package-show.ts';
import { BUNDLED_DATA_DIR, startPortal, type Portal } from '../src/start-portal.ts';

const SIGA = 'siga-empreendimentos-geracao';
const TERM = 'usina-termeletrica-tipo';
const AGENTES = 'agentes-geracao-energia-eletrica';
const file = (...parts: string[]) => path.join(BUNDLED_DATA_DIR, ...parts);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Resource {
  id: string;
  name: string;
  url: string;
  format: string;
  size: number;
  hash: string;
  last_modified: string;
  datastore_active: boolean;
  mimetype: string;
}

/** The parts of a `datastore_search` result these tests read. */
interface DatastoreResult {
  limit: number;
  total: number;
  records: Record<string, unknown>[];
  fields: { id: string; type: string }[];
  _links: { start: string; next: string };
}

let portal: Portal;
let extraDir: string;

async function packageShow(id: string) {
  const res = await fetch(`${portal.url}/api/3/action/package_show?id=${id}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function csvResource(pkg: string): Promise<Resource> {
  const { body } = await packageShow(pkg);
  const resources = (body['result'] as { resources: Resource[] }).resources;
  const csv = resources.find((r) => r.format === 'CSV');
  if (!csv) throw new Error(`no CSV resource in ${pkg}`);
  return csv;
}

async function datastore(query: string) {
  const res = await fetch(`${portal.url}/api/3/action/datastore_search?${query}`);
  return {
    status: res.status,
    body: (await res.json()) as { success: boolean; result: DatastoreResult },
  };
}

beforeAll(async () => {
  // A synthetic ralie file dropped into an extra folder: 3 rows with a quoted `;` and a CRLF.
  extraDir = await mkdtemp(path.join(tmpdir(), 'portal-extra-'));
  await mkdir(path.join(extraDir, 'ralie-usina', '2026-11-01'), { recursive: true });
  await writeFile(
    path.join(extraDir, 'ralie-usina', '2026-11-01', 'ralie-usina.csv'),
    'CodCEG;NomUsina\r\nSYNTH.1;"Usina; sintética"\r\nSYNTH.2;"Aspas ""duplas"""\r\nSYNTH.3;Três\r\n',
  );
  portal = await startPortal({ extraDirs: [extraDir] });
});

afterAll(async () => {
  await portal.close();
  await rm(extraDir, { recursive: true, force: true });
});

describe('package_show', () => {
  it('answers the CKAN envelope with ANEEL organisation and licence', async () => {
    const { status, body } = await packageShow(SIGA);
    const recorded = JSON.parse(
      await readFile(file('ckan-api', 'package_show', 'crosswalk_catalog.json'), 'utf8'),
    ) as { result: Record<string, unknown> };
    expect(status).toBe(200);
    expect(body['help']).toBe(`${portal.url}/api/3/action/help_show?name=package_show`);
    expect(body['success']).toBe(true);
    const result = body['result'] as Record<string, unknown>;
    expect(result['name']).toBe(SIGA);
    expect(result['organization']).toEqual(recorded.result['organization']);
    expect(result['license_id']).toBe('odc-odbl');
    expect(Object.keys(result).sort()).toEqual(Object.keys(recorded.result).sort());
  });

  it('lists the CSV resource with an absolute URL back to the portal and real size and hash', async () => {
    const csv = await csvResource(SIGA);
    const bytes = await readFile(file(SIGA, '2026-10-01', `${SIGA}.sample74.csv`));
    expect(csv.url).toBe(`${portal.url}/dataset/${SIGA}/resource/${csv.id}/download/${SIGA}.csv`);
    expect(csv).toMatchObject({
      format: 'CSV',
      mimetype: 'text/csv',
      name: SIGA,
      size: bytes.length,
      hash: createHash('md5').update(bytes).digest('hex'),
      last_modified: '2026-10-01T00:00:00.000000',
      datastore_active: true,
    });
  });

  it('uses the same resource fields as the real recording', async () => {
    const recorded = JSON.parse(
      await readFile(file('ckan-api', 'package_show', 'crosswalk_catalog.json'), 'utf8'),
    ) as { result: { resources: Record<string, unknown>[] } };
    const { body } = await packageShow(SIGA);
    const ours = (body['result'] as { resources: Record<string, unknown>[] }).resources;
    expect(ours.map((r) => Object.keys(r).sort())).toEqual(
      recorded.result.resources.map((r) => Object.keys(r).sort()),
    );
  });

  it('answers unknown ids with the CKAN 404 error envelope', async () => {
    const { status, body } = await packageShow('nao-existe');
    expect(status).toBe(404);
    expect(body).toEqual({
      help: `${portal.url}/api/3/action/help_show?name=package_show`,
      error: { __type: 'Not Found Error', message: 'Not found' },
      success: false,
    });
  });

  it('has no CSV resource for ralie or GD until a file is dropped in', async () => {
    const gd = await packageShow('empreendimento-geracao-distribuida');
    const gdResources = (gd.body['result'] as { resources: Resource[] }).resources;
    expect(gdResources.map((r) => r.format)).toEqual(['PDF']);
    const ralie = await csvResource('ralie-usina');
    expect(ralie.url.endsWith('/download/ralie-usina.csv')).toBe(true);
  });
});

describe('resource download', () => {
  it('serves the exact bytes of the bundled file with text/csv', async () => {
    const csv = await csvResource(AGENTES);
    const res = await fetch(csv.url);
    const body = new Uint8Array(await res.arrayBuffer());
    const bundled = await readFile(file(AGENTES, '2024-09-01', `${AGENTES}.csv`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(sha256(body)).toBe(sha256(bundled));
    expect(res.headers.get('etag')).toBe(`"sha256-${sha256(bundled)}"`);
    expect(res.headers.get('last-modified')).toBe('Sun, 01 Sep 2024 00:00:00 GMT');
  });

  it('answers 304 to a matching If-None-Match and 200 to another', async () => {
    const csv = await csvResource(TERM);
    const first = await fetch(csv.url);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await fetch(csv.url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const other = await fetch(csv.url, { headers: { 'If-None-Match': '"sha256-other"' } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it('answers 304 to If-Modified-Since at or after the data date', async () => {
    const csv = await csvResource(TERM);
    const same = await fetch(csv.url, {
      headers: { 'If-Modified-Since': 'Mon, 01 Jul 2024 00:00:00 GMT' },
    });
    expect(same.status).toBe(304);
    const older = await fetch(csv.url, {
      headers: { 'If-Modified-Since': 'Sat, 01 Jun 2024 00:00:00 GMT' },
    });
    expect(older.status).toBe(200);
    await older.arrayBuffer();
  });

  it('answers 206 with Content-Range for a byte range, and 416 past the end', async () => {
    const csv = await csvResource(TERM);
    const bundled = await readFile(file(TERM, '2024-07-01', `${TERM}.csv`));
    const part = await fetch(csv.url, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bundled.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bundled.subarray(100, 200));
    const tail = await fetch(csv.url, { headers: { Range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bundled.subarray(bundled.length - 10));
    const beyond = await fetch(csv.url, { headers: { Range: `bytes=${bundled.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bundled.length}`);
  });

  it('answers HEAD with the headers and no body', async () => {
    const csv = await csvResource(TERM);
    const res = await fetch(csv.url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(csv.size);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('datastore_search', () => {
  it('caps the limit at 32000, echoes the cap, and reports the full total', async () => {
    const csv = await csvResource(AGENTES);
    const { body } = await datastore(`resource_id=${csv.id}&limit=50000`);
    expect(body.success).toBe(true);
    expect(body.result.limit).toBe(32000);
    expect(body.result.total).toBe(26075);
    expect(body.result.records).toHaveLength(26075);
    expect(body.result.fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(body.result.fields.map((f: { id: string }) => f.id).slice(1, 3)).toEqual([
      'DatGeracaoConjuntoDados',
      'NumCPFCNPJ',
    ]);
  });

  it('decodes Windows-1252 bytes (record 528 of the agents file)', async () => {
    const csv = await csvResource(AGENTES);
    const { body } = await datastore(`resource_id=${csv.id}&limit=1&offset=527&sort=_id asc`);
    expect(body.result.records[0]).toMatchObject({
      _id: 528,
      NomEmpreendimento: 'Santa Luzia D’oeste',
    });
  });

  it('gives relative _links and a next link even on the empty last page', async () => {
    const csv = await csvResource(AGENTES);
    const { body } = await datastore(`resource_id=${csv.id}&limit=50000&offset=32000&sort=_id asc`);
    expect(body.result.records).toEqual([]);
    expect(body.result._links.start).toBe(
      `/api/3/action/datastore_search?resource_id=${csv.id}&limit=50000&sort=_id+asc`,
    );
    expect(body.result._links.next).toBe(
      `/api/3/action/datastore_search?resource_id=${csv.id}&limit=50000&offset=64000&sort=_id+asc`,
    );
  });

  it('parses quoted fields of a dropped-in file', async () => {
    const csv = await csvResource('ralie-usina');
    const { body } = await datastore(`resource_id=${csv.id}&sort=NomUsina desc`);
    expect(body.result.records).toEqual([
      { _id: 1, CodCEG: 'SYNTH.1', NomUsina: 'Usina; sintética' },
      { _id: 3, CodCEG: 'SYNTH.3', NomUsina: 'Três' },
      { _id: 2, CodCEG: 'SYNTH.2', NomUsina: 'Aspas "duplas"' },
    ]);
  });

  it('answers a sort on an unknown field with a CKAN validation error', async () => {
    const csv = await csvResource('ralie-usina');
    const { status, body } = await datastore(`resource_id=${csv.id}&sort=nope`);
    expect(status).toBe(409);
    expect(body.success).toBe(false);
  });
});

describe('snapshots over time', () => {
  it('lists every bundled (package, date) pair', async () => {
    const list = (await portal.snapshots()).map((s) => `${s.package}@${s.dataDate}`);
    expect(list).toEqual([
      `${AGENTES}@2024-09-01`,
      'capacidade-instalada-geracao-uf@2024-07-01',
      'empreendimento-operacao-historico@2024-09-01',
      'ralie-usina@2026-11-01',
      `${SIGA}@2022-06-01`,
      `${SIGA}@2026-10-01`,
      `${TERM}@2024-04-01`,
      `${TERM}@2024-07-01`,
    ]);
  });

  it('serves the latest snapshot at or before asOf, under the same resource id', async () => {
    const older = await readFile(file(SIGA, '2022-06-01', `${SIGA}.csv`));
    const newer = await readFile(file(SIGA, '2026-10-01', `${SIGA}.sample74.csv`));
    try {
      portal.setAsOf('2022-06-01');
      const first = await csvResource(SIGA);
      expect(first.size).toBe(older.length);
      expect(sha256(new Uint8Array(await (await fetch(first.url)).arrayBuffer()))).toBe(
        sha256(older),
      );

      portal.setAsOf(new Date('2026-10-01T12:00:00Z'));
      const second = await csvResource(SIGA);
      expect(second.id).toBe(first.id);
      expect(second.id).toBe(csvResourceId(SIGA));
      expect(sha256(new Uint8Array(await (await fetch(second.url)).arrayBuffer()))).toBe(
        sha256(newer),
      );

      portal.setAsOf('2024-05-15');
      const term = await csvResource(TERM);
      expect(term.last_modified).toBe('2024-04-01T00:00:00.000000');
      const table = await datastore(`resource_id=${term.id}&limit=0`);
      expect(table.body.result.total).toBe(1181);

      portal.setAsOf('2020-01-01');
      const none = await packageShow(SIGA);
      expect(
        (none.body['result'] as { resources: Resource[] }).resources.map((r) => r.format),
      ).toEqual(['PDF']);
    } finally {
      portal.setAsOf(undefined);
    }
  });
});

describe('fault injection', () => {
  it('plays html, empty, status and truncate faults once each, then serves normally', async () => {
    const csv = await csvResource(TERM);
    portal.faults.set(TERM, 'html', 1, { on: 'download' });
    const html = await fetch(csv.url);
    expect(html.status).toBe(200);
    expect((await html.text()).startsWith('<!DOCTYPE html>')).toBe(true);

    portal.faults.set(TERM, 'empty', 1, { on: 'download' });
    const empty = await fetch(csv.url);
    expect((await empty.arrayBuffer()).byteLength).toBe(0);

    portal.faults.set(TERM, 'status:503', 1, { retryAfter: '7' });
    const busy = await fetch(csv.url);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('7');
    await busy.arrayBuffer();

    portal.faults.set(TERM, 'truncate', 1, { on: 'download' });
    const cut = await fetch(csv.url);
    await expect(cut.arrayBuffer()).rejects.toThrow();

    const ok = await fetch(csv.url);
    expect((await ok.arrayBuffer()).byteLength).toBe(csv.size);
    expect(portal.faults.pending(TERM)).toBe(0);
  });

  it('delays a slow answer beyond a client timeout', async () => {
    portal.faults.set(TERM, 'slow', 1, { on: 'package_show', delayMs: 2000 });
    const started = Date.now();
    await expect(
      fetch(`${portal.url}/api/3/action/package_show?id=${TERM}`, {
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('binding', () => {
  it('refuses a non-loopback host', async () => {
    await expect(startPortal({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('binds 127.0.0.1 on an ephemeral port by default', () => {
    expect(portal.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
