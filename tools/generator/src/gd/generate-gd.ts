import fs from 'node:fs/promises';
import path from 'node:path';

import { getDataset } from '@matriz/core';

import { CsvWriter, type FileEncoding, type WrittenFile } from '../csv-writer.ts';
import { mix32, seededRandom } from '../random.ts';
import { gdHeader } from './gd-header.ts';
import { gdUnit, isQuarantined, updateUnit, type GdRecord } from './gd-row.ts';

/** The portal's folder for GD (`<dir>/<folder>/<yyyy-mm-dd>/<file>`). */
export const GD_FOLDER = 'empreendimento-geracao-distribuida';

/** Where a GD snapshot of `dataDate` goes under `outDir` (the offline portal's drop-in layout). */
export function gdSnapshotPath(outDir: string, dataDate: string): string {
  return path.join(outDir, GD_FOLDER, dataDate, getDataset('gd').ckan.fileName);
}

export interface GdSnapshotOptions {
  /** Data rows (units). */
  readonly rows: number;
  readonly seed: number;
  /** `DatGeracaoConjuntoDados` of the first snapshot, `yyyy-mm-dd`. */
  readonly dataDate: string;
  readonly encoding: FileEncoding;
}

export interface GdSnapshotFile extends WrittenFile {
  readonly dataset: 'gd';
  readonly dataDate: string;
  readonly encoding: FileEncoding;
  readonly seed: number;
  /** Rows silver must quarantine (consumer class `REBR`). */
  readonly quarantined: number;
}

export interface GdChangeShares {
  /** New units, as a share of the first snapshot's rows (default 0.015). */
  readonly inserts?: number;
  /** Units changed (capacity, modality, credited units), default 0.005. */
  readonly updates?: number;
  /** Units gone, default 0.001. */
  readonly deletes?: number;
}

export interface GdSecondSnapshotFile extends GdSnapshotFile {
  readonly previousDataDate: string;
  /** Exact counts of what changed against the first snapshot, as silver's diff must see them. */
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

function toCells(header: readonly string[], record: GdRecord): string[] {
  return header.map((h) => record[h] ?? '');
}

/** The first snapshot: `rows` units, each rebuilt from `(seed, unit)`. */
export async function writeGdSnapshot(
  outDir: string,
  options: GdSnapshotOptions,
): Promise<GdSnapshotFile> {
  const file = gdSnapshotPath(outDir, options.dataDate);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const header = gdHeader();
  const writer = new CsvWriter(file, options.encoding);
  await writer.write(header);
  let quarantined = 0;
  for (let unit = 0; unit < options.rows; unit += 1) {
    const record = gdUnit(options.seed, unit, options.dataDate);
    if (isQuarantined(record)) quarantined += 1;
    await writer.write(toCells(header, record));
  }
  const written = await writer.close();
  return {
    ...written,
    dataset: 'gd',
    dataDate: options.dataDate,
    encoding: options.encoding,
    seed: options.seed,
    quarantined,
  };
}

/**
 * The next snapshot, derived from the first by rebuilding each of its units from the seed (no
 * need to read it back): a unit is deleted or updated by a per-unit draw (quarantined units are
 * left alone, so the diff of silver sees exactly the reported counts), the rest is unchanged but
 * for the generation date, and new units are appended at the end.
 */
export async function writeGdSecondSnapshot(
  outDir: string,
  first: GdSnapshotOptions,
  dataDate: string,
  shares: GdChangeShares = {},
): Promise<GdSecondSnapshotFile> {
  if (dataDate <= first.dataDate) {
    throw new Error(
      `The second snapshot's data date \`${dataDate}\` must be after the first's \`${first.dataDate}\`.`,
    );
  }
  const deleteShare = shares.deletes ?? 0.001;
  const updateShare = shares.updates ?? 0.005;
  const inserts = Math.round(first.rows * (shares.inserts ?? 0.015));
  const file = gdSnapshotPath(outDir, dataDate);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const header = gdHeader();
  const writer = new CsvWriter(file, first.encoding);
  await writer.write(header);
  const counts = { inserted: 0, updated: 0, deleted: 0, quarantined: 0 };

  for (let unit = 0; unit < first.rows; unit += 1) {
    const record = gdUnit(first.seed, unit, first.dataDate);
    const fate = seededRandom(mix32(first.seed, unit, 0x6661)).next();
    if (isQuarantined(record)) {
      counts.quarantined += 1;
      await writer.write(toCells(header, { ...record, DatGeracaoConjuntoDados: dataDate }));
    } else if (fate < deleteShare) {
      counts.deleted += 1;
    } else if (fate < deleteShare + updateShare) {
      counts.updated += 1;
      await writer.write(toCells(header, updateUnit(first.seed, unit, record, dataDate)));
    } else {
      await writer.write(toCells(header, { ...record, DatGeracaoConjuntoDados: dataDate }));
    }
  }

  const from = Date.parse(`${first.dataDate}T00:00:00Z`);
  const to = Date.parse(`${dataDate}T00:00:00Z`);
  for (let unit = first.rows; unit < first.rows + inserts; unit += 1) {
    const base = gdUnit(first.seed, unit, dataDate);
    const r = seededRandom(mix32(first.seed, unit, 0x6e77));
    const day = new Date(from + Math.floor(r.next() * (to - from)));
    const date = day.toISOString().slice(0, 10);
    const record: GdRecord = {
      ...base,
      DscClasseConsumo: isQuarantined(base) ? 'Residencial' : base['DscClasseConsumo']!,
      CodClasseConsumo: isQuarantined(base) ? '1' : base['CodClasseConsumo']!,
      DthAtualizaCadastralEmpreend: `${date} 10:00:00`,
      AnmPeriodoReferencia: `${date.slice(5, 7)}/${date.slice(0, 4)}`,
    };
    counts.inserted += 1;
    await writer.write(toCells(header, record));
  }

  const written = await writer.close();
  return {
    ...written,
    dataset: 'gd',
    dataDate,
    previousDataDate: first.dataDate,
    encoding: first.encoding,
    seed: first.seed,
    ...counts,
  };
}
