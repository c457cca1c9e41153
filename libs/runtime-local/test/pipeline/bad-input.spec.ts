// What the pipeline does with bad input: it refuses clearly, names the line, and loses nothing.
// Every bad file here is a real bundled ANEEL file edited by the test (the edit is stated).
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  ingestFileToBronze,
  runPipeline,
  silentLogger,
  type DatasetSource,
  type PipelineDeps,
} from '@matriz/pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openLocalLake, type LocalLake } from '../../src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ANEEL = path.resolve(here, '../../../../tools/portal/data/aneel');
const SIGA_SAMPLE = path.join(
  ANEEL,
  'siga-empreendimentos-geracao/2026-10-01/siga-empreendimentos-geracao.sample74.csv',
);
const HISTORY = path.join(
  ANEEL,
  'empreendimento-operacao-historico/2024-09-01/empreendimento-operacao-historico.csv',
);
const AGENTES = path.join(
  ANEEL,
  'agentes-geracao-energia-eletrica/2024-09-01/agentes-geracao-energia-eletrica.csv',
);
const CAPACIDADE = path.join(
  ANEEL,
  'capacidade-instalada-geracao-uf/2024-07-01/capacidade-instalada-geracao-uf.csv',
);

const noSource: DatasetSource = {
  resolve: () => Promise.reject(new Error('no portal in this test')),
  download: () => Promise.reject(new Error('no portal in this test')),
};

describe('bad input', () => {
  let dir: string;
  let lake: LocalLake;
  let deps: PipelineDeps;
  let work: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'matriz-bad-'));
    work = await mkdtemp(path.join(tmpdir(), 'matriz-bad-files-'));
    lake = await openLocalLake(dir, { threads: 1 });
    deps = {
      store: lake.store,
      source: noSource,
      engine: lake.engine,
      warehouse: lake.warehouse,
      catalog: lake.catalog,
      notifier: { notify: async () => undefined },
      producer: lake.log,
      clock: { now: () => new Date('2026-12-01T00:00:00Z') },
      logger: silentLogger,
      workDir: lake.workDir,
      piiSalt: 'test-salt',
    };
  });
  afterEach(async () => {
    await lake.close();
    await rm(dir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  async function rejectedNotes(dataset: string): Promise<{ code: string; reason: string }[]> {
    const keys = (await lake.store.list(`bronze/${dataset}/_rejected/`)).map((o) => o.key);
    const notes = keys.filter((k) => k.endsWith('rejected.json'));
    return Promise.all(
      notes.map(async (k) => JSON.parse(new TextDecoder().decode(await lake.store.get(k)))),
    );
  }

  it('refuses an HTML page, keeping it under bronze/_rejected with the reason', async () => {
    const file = path.join(work, 'maintenance.html');
    await writeFile(file, '<!DOCTYPE html><html><body>Em manutenção</body></html>');
    await expect(ingestFileToBronze(deps, 'siga', file)).rejects.toMatchObject({
      code: 'source_not_data',
    });
    const [note] = await rejectedNotes('siga');
    expect(note?.code).toBe('source_not_data');
    const kept = (await lake.store.list('bronze/siga/_rejected/')).map((o) => o.key);
    expect(kept.some((k) => k.endsWith('/maintenance.html'))).toBe(true);
  });

  it('refuses a UTF-8 file with one stray Windows-1252 byte, naming the line', async () => {
    // The real UTF-8 SIGA sample with `é` (0xE9, Windows-1252) written into its line 10.
    const lines = (await readFile(SIGA_SAMPLE)).toString('utf8').split('\n');
    const bytes = Buffer.concat([
      Buffer.from(lines.slice(0, 9).join('\n') + '\n', 'utf8'),
      Buffer.from(lines[9]!.replace('"', '"\u00e9'), 'latin1'),
      Buffer.from('\n' + lines.slice(10).join('\n'), 'utf8'),
    ]);
    const file = path.join(work, 'siga-mixed.csv');
    await writeFile(file, bytes);
    const error = await ingestFileToBronze(deps, 'siga', file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'mixed_encoding' });
    expect((error as Error).message).toContain('line 10');
    expect((error as Error).message).toContain('0xE9');
    expect((await rejectedNotes('siga')).map((n) => n.code)).toEqual(['mixed_encoding']);
  });

  it('refuses a UTF-8 file cut inside a character instead of reading it as Windows-1252', async () => {
    // The real UTF-8 SIGA sample cut after the first byte of the `ç` (0xC3 0xA7) of a later line.
    const bytes = await readFile(SIGA_SAMPLE);
    const cedilla = bytes.indexOf(Buffer.from('ç', 'utf8'), bytes.indexOf(0x0a, 3_000));
    const file = path.join(work, 'siga-cut.csv');
    await writeFile(file, bytes.subarray(0, cedilla + 1));
    const error = await ingestFileToBronze(deps, 'siga', file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'truncated_file' });
    expect((error as Error).message).toContain(`byte ${cedilla}`);
    expect(await lake.store.list('bronze/siga/2026-10-01/')).toEqual([]);
  });

  it('lets a complete file replace a truncated one that never reached silver, keeping both', async () => {
    // The real history file cut in the middle of a row.
    const full = await readFile(HISTORY);
    const truncated = path.join(work, 'empreendimento-operacao-historico.csv');
    await writeFile(truncated, full.subarray(0, Math.floor(full.length / 2) + 7));
    await ingestFileToBronze(deps, 'operacao_historico', truncated);
    const first = await runPipeline(deps, { datasets: ['operacao_historico'], skipExtract: true });
    expect(first.datasets[0]?.status).toBe('failed');
    expect(first.datasets[0]?.error?.code).toBe('malformed_csv');

    const replaced = await ingestFileToBronze(deps, 'operacao_historico', HISTORY);
    expect(replaced.status).toBe('fetched');
    const second = await runPipeline(deps, {
      datasets: ['operacao_historico'],
      skipExtract: true,
    });
    expect(second.datasets[0]?.silver.map((s) => s.rowsOut)).toEqual([453]);
    const superseded = (await lake.store.list('bronze/operacao_historico/_superseded/')).map((o) =>
      o.key.split('/').at(-1),
    );
    expect(superseded.sort()).toEqual(['empreendimento-operacao-historico.csv', 'manifest.json']);
  });

  /** The real history file with `edit` applied to its line `line` (1-based), through silver. */
  async function historyEdited(line: number, edit: (text: string) => string) {
    const lines = (await readFile(HISTORY)).toString('latin1').split('\n');
    lines[line - 1] = edit(lines[line - 1]!);
    const file = path.join(work, 'empreendimento-operacao-historico.csv');
    await writeFile(file, Buffer.from(lines.join('\n'), 'latin1'));
    await ingestFileToBronze(deps, 'operacao_historico', file);
    const run = await runPipeline(deps, { datasets: ['operacao_historico'], skipExtract: true });
    return run.datasets[0]?.error;
  }

  it('names the line of a field with text after its closing quote', async () => {
    // The real history file with its line 300's generation type written as `"UF"V`.
    const error = await historyEdited(300, (text) => text.replace(/;([A-Z]{3});/, ';"$1"X;'));
    expect(error?.code).toBe('malformed_csv');
    expect(error?.message).toContain('line 300 has text after the closing quote of a field');
    expect(error?.message).toContain('operacao_historico/2024-09-01/');
  });

  it('names the line of a record longer than DuckDB reads, not its own numbering', async () => {
    // The real history file with 2.2 MB of spaces in a quoted field of line 258.
    const error = await historyEdited(258, (text) =>
      text.replace(/;([^;]*)$/, `;"$1${' '.repeat(2_200_000)}"`),
    );
    expect(error?.code).toBe('malformed_csv');
    expect(error?.message).toMatch(/line 258 starts a record longer than 2,097,152 bytes/);
  });

  it('says DuckDB ran out of memory instead of blaming the file, and puts the limit back', async () => {
    await ingestFileToBronze(deps, 'operacao_historico', HISTORY);
    await lake.engine.exec("SET memory_limit = '2MB'");
    const run = await runPipeline(deps, { datasets: ['operacao_historico'], skipExtract: true });
    expect(run.datasets[0]?.error?.code).toBe('out_of_memory');
    expect(run.datasets[0]?.error?.message).toContain('MATRIZ_DUCKDB_MEMORY');
    const [limit] = await lake.engine.query("SELECT current_setting('memory_limit') AS v");
    expect(limit?.['v']).toBe('1.9 MiB');
  });

  it('puts an unlimited memory limit back as unlimited', async () => {
    await ingestFileToBronze(deps, 'operacao_historico', HISTORY);
    await lake.engine.exec("SET memory_limit = '-1'");
    const [before] = await lake.engine.query("SELECT current_setting('memory_limit') AS v");
    const run = await runPipeline(deps, { datasets: ['operacao_historico'], skipExtract: true });
    expect(run.datasets[0]?.silver.map((s) => s.rowsOut)).toEqual([453]);
    const [after] = await lake.engine.query("SELECT current_setting('memory_limit') AS v");
    expect(after).toEqual(before);
  });

  it('refuses records separated by lone carriage returns, saying so', async () => {
    // The real SIGA sample with every line break turned into a lone CR (old Mac line ends).
    const text = (await readFile(SIGA_SAMPLE)).toString('utf8').replace(/\r?\n/g, '\r');
    const file = path.join(work, 'siga-empreendimentos-geracao.csv');
    await writeFile(file, text, 'utf8');
    const error = await ingestFileToBronze(deps, 'siga', file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'malformed_csv' });
    expect((error as Error).message).toContain('siga-empreendimentos-geracao.csv');
    expect((error as Error).message).toContain('lone carriage return');
    expect(await lake.store.list('silver/siga/')).toEqual([]);
  });

  it('reads a `"` inside an unquoted field as text and numbers every record', async () => {
    // The real agents file (unquoted, LF, Windows-1252) with ` 3" pol` added to record 25,000's plant.
    const lines = (await readFile(AGENTES)).toString('latin1').split('\n');
    const fields = lines[25_000]!.split(';');
    fields[5] = `${fields[5]} 3" pol`;
    lines[25_000] = fields.join(';');
    const file = path.join(work, 'agentes-geracao-energia-eletrica.csv');
    await writeFile(file, Buffer.from(lines.join('\n'), 'latin1'));
    await ingestFileToBronze(deps, 'agentes', file);
    const run = await runPipeline(deps, { datasets: ['agentes'], skipExtract: true });
    expect(run.datasets[0]?.silver.map((s) => [s.rowsIn, s.rowsOut])).toEqual([[26_075, 26_075]]);
    await lake.refresh();
    const [row] = await lake.engine.query(
      `SELECT source_row, plant_name FROM silver.agentes WHERE plant_name LIKE '%3" pol'`,
    );
    expect(row).toEqual({ source_row: 25_000, plant_name: fields[5] });
  });

  it('reads mixed CRLF, LF and lone-CR record ends as the records they end', async () => {
    // The real SIGA sample (LF) rewritten with CRLF, except record 10 (LF) and record 40 (lone CR).
    const lines = (await readFile(SIGA_SAMPLE)).toString('utf8').split('\n');
    const text = lines
      .map(
        (line, i) =>
          line + (i === lines.length - 1 ? '' : i === 10 ? '\n' : i === 40 ? '\r' : '\r\n'),
      )
      .join('');
    const file = path.join(work, 'siga-empreendimentos-geracao.csv');
    await writeFile(file, text, 'utf8');
    await ingestFileToBronze(deps, 'siga', file);
    const run = await runPipeline(deps, { datasets: ['siga'], skipExtract: true });
    expect(run.datasets[0]?.silver.map((s) => [s.rowsIn, s.rowsOut])).toEqual([[74, 74]]);
    await lake.refresh();
    const rows = await lake.engine.query(
      `SELECT source_row, plant_name FROM silver.siga ORDER BY 1`,
    );
    expect(rows.map((r) => r['source_row'])).toEqual(Array.from({ length: 74 }, (_, i) => i + 1));
    // Record 41 (after the lone CR) is the sample's 41st record.
    expect(String(rows[40]?.['plant_name'])).toBe(lines[41]!.split('";"')[1]);
  });

  it('publishes no change events for a snapshot that quality blocks', async () => {
    await ingestFileToBronze(deps, 'capacidade_uf', CAPACIDADE);
    const first = await runPipeline(deps, { datasets: ['capacidade_uf'], skipExtract: true });
    expect(first.datasets[0]?.changes.map((c) => c.inserted)).toEqual([1507]);

    // The same file re-dated 2024-08-01 without Acre's newest row: a recent gap, an error.
    const text = (await readFile(CAPACIDADE))
      .toString('latin1')
      .replaceAll('2024-07-01;', '2024-08-01;');
    const lines = text.split('\r\n');
    const acre = lines.filter((l) => l.includes(';AC;'));
    const newest = acre.reduce((a, b) => {
      const [, ya, ma] = a.split(';');
      const [, yb, mb] = b.split(';');
      return Number(yb) * 100 + Number(mb) > Number(ya) * 100 + Number(ma) ? b : a;
    });
    const file = path.join(work, 'capacidade-instalada-geracao-uf.csv');
    await writeFile(file, Buffer.from(lines.filter((l) => l !== newest).join('\r\n'), 'latin1'));
    await ingestFileToBronze(deps, 'capacidade_uf', file);
    const second = await runPipeline(deps, { datasets: ['capacidade_uf'], skipExtract: true });

    expect(second.blocked).toEqual(['capacidade_uf']);
    expect(second.ok).toBe(false);
    expect(second.datasets[0]?.changes).toEqual([]);
    const changes = await readdir(path.join(dir, 'changes', 'capacidade_uf'));
    expect(changes).toEqual(['to=2024-07-01']);
  });
});
