// End to end: `matriz demo` against the offline portal (real ANEEL files), then the README's
// queries, a re-run that must change nothing, and an interrupted silver write that must leave the
// previous snapshot intact.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { getDataset, type DatasetId } from '@matriz/core';
import {
  bronzeToSilver,
  placeholderTallyBySql,
  readBronzeManifest,
  runPipeline,
  silentLogger,
  type ObjectStore,
} from '@matriz/pipeline';
import { openLocalLake } from '@matriz/runtime-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CommandContext } from '../../src/commands/command.ts';
import { noSource, openLocalPipeline } from '../../src/compose.ts';
import { demoCommand } from '../../src/commands/demo.ts';
import { sqlCommand } from '../../src/commands/sql.ts';

interface Captured {
  ctx: CommandContext;
  stdout: () => string;
}

function context(lake: string): Captured {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  err.resume();
  return {
    ctx: { lake, stdout: out, stderr: err, interactive: false, logger: silentLogger, env: {} },
    stdout: () => text,
  };
}

async function sqlJson(lake: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = context(lake);
  expect(await sqlCommand.run(['--format', 'json', sql], c.ctx)).toBe(0);
  return JSON.parse(c.stdout()) as Record<string, unknown>[];
}

/** sha256 of every Parquet file of the lake's silver and gold layers, by key. */
async function parquetDigests(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const layer of ['silver', 'gold', 'quarantine']) {
    const dir = path.join(root, layer);
    for (const entry of await fs.readdir(dir, { recursive: true })) {
      if (!entry.endsWith('.parquet')) continue;
      const bytes = await fs.readFile(path.join(dir, entry));
      out[`${layer}/${entry}`] = createHash('sha256').update(bytes).digest('hex');
    }
  }
  return out;
}

describe('matriz demo on the bundled real ANEEL files', () => {
  let lake: string;
  let firstRun: Captured;
  let firstExit: number;

  beforeAll(async () => {
    lake = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-demo-'));
    firstRun = context(lake);
    firstExit = await demoCommand.run([], firstRun.ctx);
  }, 240_000);
  afterAll(async () => {
    await fs.rm(lake, { recursive: true, force: true });
  });

  it('ends with every bundled file in silver and a successful run', async () => {
    expect(firstExit).toBe(0);
    const counts = await sqlJson(
      lake,
      `select 'agentes' as t, cast(data_date as varchar) as d, count(*) as n from silver.agentes group by all
       union all select 'capacidade_uf', cast(data_date as varchar), count(*) from silver.capacidade_uf group by all
       union all select 'operacao_historico', cast(data_date as varchar), count(*) from silver.operacao_historico group by all
       union all select 'termeletricas', cast(data_date as varchar), count(*) from silver.termeletricas group by all
       union all select 'siga', cast(data_date as varchar), count(*) from silver.siga group by all
       order by 1, 2`,
    );
    expect(counts).toEqual([
      { t: 'agentes', d: '2024-09-01', n: 26075 },
      { t: 'capacidade_uf', d: '2024-07-01', n: 1507 },
      { t: 'operacao_historico', d: '2024-09-01', n: 453 },
      { t: 'siga', d: '2022-06-01', n: 15455 },
      { t: 'siga', d: '2026-10-01', n: 74 },
      { t: 'termeletricas', d: '2024-04-01', n: 1181 },
      { t: 'termeletricas', d: '2024-07-01', n: 1207 },
    ]);
  });

  it('answers installed capacity by type and state for SIGA 2022-06-01', async () => {
    const [total] = await sqlJson(
      lake,
      `select sum(plants) as plants, sum(capacity_kw) as kw from gold.installed_capacity
       where data_date = '2022-06-01' and phase = 'operating'`,
    );
    expect(total).toEqual({ plants: 13902, kw: 183137678 });
    const byType = await sqlJson(
      lake,
      `select generation_type, sum(capacity_kw) as kw from gold.installed_capacity
       where data_date = '2022-06-01' and phase = 'operating' and generation_type in ('UHE', 'UTE', 'EOL')
       group by 1 order by 1`,
    );
    expect(byType).toEqual([
      { generation_type: 'EOL', kw: 21796176 },
      { generation_type: 'UHE', kw: 103008362 },
      { generation_type: 'UTE', kw: 44871503 },
    ]);
    const [to] = await sqlJson(
      lake,
      `select sum(capacity_kw) as kw from gold.installed_capacity
       where data_date = '2022-06-01' and phase = 'operating' and state = 'TO'`,
    );
    expect(to).toEqual({ kw: 1968612 });
    const [operating] = await sqlJson(
      lake,
      `select count(*) as n from silver.siga where data_date = '2022-06-01' and phase = 'operating'`,
    );
    expect(operating).toEqual({ n: 13904 });
  });

  it('keeps Windows-1252 names intact', async () => {
    const rows = await sqlJson(
      lake,
      `select distinct agent_name from silver.agentes
       where agent_name in ('D’talia Agroindústria Ltda.', 'Sabarálcool S.A. – Açúcar e Álcool')
       order by 1`,
    );
    expect(rows.map((r) => r['agent_name'])).toEqual([
      'D’talia Agroindústria Ltda.',
      'Sabarálcool S.A. – Açúcar e Álcool',
    ]);
  });

  it('re-runs on the same sources without fetching again and with identical silver and gold', async () => {
    const before = await parquetDigests(lake);
    const again = context(lake);
    expect(await demoCommand.run([], again.ctx)).toBe(0);
    expect(await parquetDigests(lake)).toEqual(before);
    expect(again.stdout()).toMatch(/siga\s+unchanged\s+unchanged/);
  }, 240_000);

  it('rebuilds silver and gold from the same bronze byte for byte', async () => {
    const before = await parquetDigests(lake);
    const pipeline = await openLocalPipeline(context(lake).ctx, noSource);
    try {
      const summary = await runPipeline(pipeline.deps, {
        datasets: ['siga', 'agentes', 'termeletricas'],
        skipExtract: true,
        force: true,
      });
      expect(summary.datasets.map((d) => d.silver.length)).toEqual([2, 1, 2]);
    } finally {
      await pipeline.close();
    }
    expect(await parquetDigests(lake)).toEqual(before);
  }, 240_000);

  it('counts placeholders while decoding as the SQL pass counts them, on every real file', async () => {
    const opened = await openLocalLake(lake);
    try {
      const snapshots = await sqlJson(
        lake,
        `select 'siga' as t, cast(data_date as varchar) as d from silver.siga group by all
         union all select 'agentes', cast(data_date as varchar) from silver.agentes group by all
         union all select 'termeletricas', cast(data_date as varchar) from silver.termeletricas group by all
         union all select 'operacao_historico', cast(data_date as varchar) from silver.operacao_historico group by all
         union all select 'capacidade_uf', cast(data_date as varchar) from silver.capacidade_uf group by all`,
      );
      expect(snapshots.length).toBeGreaterThanOrEqual(6);
      let counted = 0;
      for (const { t, d: date } of snapshots as { t: DatasetId; d: string }[]) {
        const def = getDataset(t);
        const logged: unknown[] = [];
        const logger = {
          ...silentLogger,
          info: (event: string, fields: Record<string, unknown> = {}) => {
            if (event === 'silver.written') logged.push(fields['placeholders_counted']);
          },
        };
        const deps = {
          store: opened.store,
          engine: opened.engine,
          logger,
          workDir: opened.workDir,
        };
        const result = await bronzeToSilver(deps, def, date);
        expect(logged, `${t} ${date}`).toEqual(['while_decoding']);
        // The SQL way, over the same bronze bytes.
        const manifest = await readBronzeManifest(deps, def.id, date);
        const bronze = String(opened.store.localPath?.(manifest.key));
        const utf8 = path.join(opened.workDir, `${t}-${date}.csv`);
        const sql = await placeholderTallyBySql(opened.engine, def, bronze, utf8);
        await fs.rm(utf8, { force: true });
        expect(result.placeholders, `${t} ${date}`).toEqual(sql.placeholders);
        expect(result.rowsIn).toBe(sql.rowsRead);
        counted += sql.placeholders.length;
      }
      // SIGA's real placeholders are among them, so the lists compared are not all empty.
      expect(counted).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  }, 240_000);

  it('leaves the previous silver intact when a silver write is interrupted, and a re-run finishes it', async () => {
    const opened = await openLocalLake(lake);
    try {
      const silverKey = 'silver/operacao_historico/data_date=2024-09-01/part-0.parquet';
      const before = await fs.readFile(path.join(lake, silverKey));
      // A store whose silver upload dies midway, like a process killed during the write.
      const failing: ObjectStore = Object.create(opened.store) as ObjectStore;
      failing.putFile = async (key, local) => {
        if (key === silverKey) throw new Error('killed during the silver upload');
        return opened.store.putFile(key, local);
      };
      const deps = {
        store: failing,
        engine: opened.engine,
        logger: silentLogger,
        workDir: opened.workDir,
      };
      const def = getDataset('operacao_historico');
      await expect(bronzeToSilver(deps, def, '2024-09-01')).rejects.toThrow('killed during');
      expect(await fs.readFile(path.join(lake, silverKey))).toEqual(before);
      expect(await fs.readdir(path.join(lake, '.staging'))).toEqual([]);

      const done = await bronzeToSilver({ ...deps, store: opened.store }, def, '2024-09-01');
      expect(done.rowsOut).toBe(453);
      expect(await fs.readFile(path.join(lake, silverKey))).toEqual(before);
    } finally {
      await opened.close();
    }
  });
});
