import type { Row, SqlEngine, TableEntry } from '@matriz/pipeline';
import type { LocalLake } from '@matriz/runtime-local';

import type {
  DashboardData,
  GdMonth,
  HistorySeries,
  OwnerCapacity,
  PhaseTotal,
  SnapshotSize,
  SnapshotSummary,
  StateCapacity,
  ThermalSnapshot,
  TypeCapacity,
} from './dashboard-data.ts';
import { DashboardError } from './dashboard-error.ts';
import { datasetFreshness } from './freshness.ts';

export interface LoadDashboardOptions {
  /** SIGA data date to show (`yyyy-mm-dd`); default the latest in the lake. */
  readonly snapshot?: string | undefined;
  /** Reference time for data ages; default now. */
  readonly now?: Date | undefined;
}

/** A snapshot with fewer than this share of the previous one's plants is flagged as partial. */
const PARTIAL_SHARE = 0.5;
/** Owners listed on the page. */
const TOP_OWNERS = 10;

/**
 * Reads what the dashboard shows from a lake: the headline, type and state figures of one SIGA
 * snapshot (`gold.installed_capacity`), the history, thermal, distributed-generation and owner
 * gold tables when they are built, and the age of every dataset from the catalog. Gold tables
 * that are not built yield empty sections, never an error.
 */
export async function loadDashboardData(
  lake: Pick<LocalLake, 'engine' | 'catalog'>,
  options: LoadDashboardOptions = {},
): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const entries = await lake.catalog.list();
  const gold = new Set(entries.filter((e) => e.layer === 'gold').map((e) => e.name));
  const engine = lake.engine;

  const sigaSnapshots = gold.has('installed_capacity') ? await snapshotSizes(engine) : [];
  const dataDate = pickSnapshot(sigaSnapshots, options.snapshot);
  const snapshot = dataDate ? await snapshotSummary(engine, sigaSnapshots, dataDate) : null;

  return {
    generatedAt: now.toISOString(),
    snapshot,
    sigaSnapshots,
    byType: dataDate ? await capacityByType(engine, dataDate) : [],
    byState: dataDate ? await capacityByState(engine, dataDate) : [],
    history: gold.has('capacity_history_by_type')
      ? await capacityHistory(engine)
      : { dataDate: null, types: [], months: [] },
    thermal: gold.has('thermal_capacity_by_fuel') ? await thermalByFuel(engine) : null,
    gdGrowth: gold.has('gd_growth') ? await gdGrowth(engine) : [],
    owners: gold.has('owner_capacity') ? await topOwners(engine) : [],
    freshness: datasetFreshness(entries.filter(isSilver), now),
  };
}

function isSilver(entry: TableEntry): boolean {
  return entry.layer === 'silver';
}

async function snapshotSizes(engine: SqlEngine): Promise<SnapshotSize[]> {
  const rows = await engine.query(
    'SELECT CAST(data_date AS VARCHAR) AS data_date, CAST(SUM(plants) AS BIGINT) AS plants ' +
      'FROM gold.installed_capacity GROUP BY 1 ORDER BY 1',
  );
  return rows.map((r) => ({ dataDate: text(r, 'data_date'), plants: num(r, 'plants') }));
}

function pickSnapshot(sizes: readonly SnapshotSize[], wanted: string | undefined) {
  if (wanted === undefined) return sizes.at(-1)?.dataDate ?? null;
  if (!sizes.some((s) => s.dataDate === wanted)) {
    const known = sizes.map((s) => s.dataDate).join(', ') || 'none';
    throw new DashboardError(
      'unknown_snapshot',
      `The lake has no SIGA snapshot dated \`${wanted}\` (it has: ${known}). ` +
        'Pick one of those, or ingest that snapshot first.',
    );
  }
  return wanted;
}

async function snapshotSummary(
  engine: SqlEngine,
  sizes: readonly SnapshotSize[],
  dataDate: string,
): Promise<SnapshotSummary> {
  const rows = await engine.query(
    'SELECT phase, CAST(SUM(plants) AS BIGINT) AS plants, CAST(SUM(capacity_kw) AS DOUBLE) AS kw ' +
      `FROM gold.installed_capacity WHERE data_date = ${dateLiteral(dataDate)} GROUP BY 1`,
  );
  const phase = (name: string): PhaseTotal => {
    const row = rows.find((r) => r['phase'] === name);
    return row ? { plants: num(row, 'plants'), capacityKw: num(row, 'kw') } : ZERO;
  };
  const index = sizes.findIndex((s) => s.dataDate === dataDate);
  const current = sizes[index];
  const before = index > 0 ? sizes[index - 1] : undefined;
  const isPartial = current && before && current.plants < before.plants * PARTIAL_SHARE;
  return {
    dataDate,
    operating: phase('operating'),
    underConstruction: phase('under_construction'),
    notStarted: phase('not_started'),
    previous: isPartial ? before : null,
  };
}

const ZERO: PhaseTotal = { plants: 0, capacityKw: 0 };

async function capacityByType(engine: SqlEngine, dataDate: string): Promise<TypeCapacity[]> {
  const rows = await engine.query(
    [
      'SELECT generation_type,',
      "  CAST(COALESCE(SUM(plants) FILTER (WHERE phase = 'operating'), 0) AS BIGINT) AS plants,",
      "  CAST(COALESCE(SUM(capacity_kw) FILTER (WHERE phase = 'operating'), 0) AS DOUBLE) AS kw,",
      "  CAST(COALESCE(SUM(capacity_kw) FILTER (WHERE phase = 'under_construction'), 0) AS DOUBLE) AS uc_kw,",
      "  CAST(COALESCE(SUM(capacity_kw) FILTER (WHERE phase = 'not_started'), 0) AS DOUBLE) AS ns_kw",
      `FROM gold.installed_capacity WHERE data_date = ${dateLiteral(dataDate)}`,
      'GROUP BY 1 ORDER BY kw DESC, uc_kw + ns_kw DESC, 1',
    ].join('\n'),
  );
  return rows.map((r) => ({
    generationType: text(r, 'generation_type'),
    plants: num(r, 'plants'),
    capacityKw: num(r, 'kw'),
    underConstructionKw: num(r, 'uc_kw'),
    notStartedKw: num(r, 'ns_kw'),
  }));
}

async function capacityByState(engine: SqlEngine, dataDate: string): Promise<StateCapacity[]> {
  const rows = await engine.query(
    'SELECT state, CAST(SUM(plants) AS BIGINT) AS plants, CAST(SUM(capacity_kw) AS DOUBLE) AS kw ' +
      `FROM gold.installed_capacity WHERE data_date = ${dateLiteral(dataDate)} ` +
      "AND phase = 'operating' AND state IS NOT NULL GROUP BY 1 ORDER BY kw DESC, 1",
  );
  return rows.map((r) => ({
    state: text(r, 'state'),
    plants: num(r, 'plants'),
    capacityKw: num(r, 'kw'),
  }));
}

async function capacityHistory(engine: SqlEngine): Promise<HistorySeries> {
  const rows = await engine.query(
    'SELECT CAST(data_date AS VARCHAR) AS data_date, CAST(reference_month AS VARCHAR) AS month, ' +
      'generation_type, CAST(capacity_kw AS DOUBLE) AS kw FROM gold.capacity_history_by_type ' +
      'ORDER BY month, generation_type',
  );
  const byMonth = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const month = text(r, 'month');
    const values = byMonth.get(month) ?? {};
    values[text(r, 'generation_type')] = num(r, 'kw');
    byMonth.set(month, values);
  }
  const months = [...byMonth].map(([month, capacityKw]) => ({ month, capacityKw }));
  const latest = months.at(-1)?.capacityKw ?? {};
  const types = [...new Set(rows.map((r) => text(r, 'generation_type')))].sort(
    (a, b) => (latest[b] ?? 0) - (latest[a] ?? 0) || a.localeCompare(b),
  );
  for (const m of months) for (const t of types) m.capacityKw[t] ??= 0;
  return { dataDate: rows[0] ? text(rows[0], 'data_date') : null, types, months };
}

async function thermalByFuel(engine: SqlEngine): Promise<ThermalSnapshot | null> {
  const rows = await engine.query(
    'SELECT CAST(data_date AS VARCHAR) AS data_date, CAST(reference_month AS VARCHAR) AS month, ' +
      'fuel_origin, plant_type, CAST(plants AS BIGINT) AS plants, CAST(capacity_kw AS DOUBLE) AS kw ' +
      'FROM gold.thermal_capacity_by_fuel ' +
      'WHERE reference_month = (SELECT MAX(reference_month) FROM gold.thermal_capacity_by_fuel) ' +
      'ORDER BY kw DESC, fuel_origin, plant_type',
  );
  const first = rows[0];
  if (!first) return null;
  return {
    dataDate: text(first, 'data_date'),
    month: text(first, 'month'),
    fuels: rows.map((r) => ({
      fuelOrigin: text(r, 'fuel_origin'),
      plantType: text(r, 'plant_type'),
      plants: num(r, 'plants'),
      capacityKw: num(r, 'kw'),
    })),
  };
}

async function gdGrowth(engine: SqlEngine): Promise<GdMonth[]> {
  const rows = await engine.query(
    [
      'SELECT CAST(month AS VARCHAR) AS month, CAST(SUM(systems) AS BIGINT) AS systems,',
      '  CAST(SUM(capacity_kw) AS DOUBLE) AS kw,',
      '  CAST(SUM(SUM(capacity_kw)) OVER (ORDER BY month) AS DOUBLE) AS cumulative_kw',
      'FROM gold.gd_growth GROUP BY month ORDER BY month',
    ].join('\n'),
  );
  return rows.map((r) => ({
    month: text(r, 'month'),
    systems: num(r, 'systems'),
    capacityKw: num(r, 'kw'),
    cumulativeKw: num(r, 'cumulative_kw'),
  }));
}

async function topOwners(engine: SqlEngine): Promise<OwnerCapacity[]> {
  const rows = await engine.query(
    'SELECT agent_id, agent_name, CAST(plants AS BIGINT) AS plants, ' +
      'CAST(capacity_kw AS DOUBLE) AS kw FROM gold.owner_capacity ' +
      `ORDER BY kw DESC, agent_id LIMIT ${TOP_OWNERS}`,
  );
  return rows.map((r) => ({
    agentId: text(r, 'agent_id'),
    agentName: text(r, 'agent_name'),
    plants: num(r, 'plants'),
    capacityKw: num(r, 'kw'),
  }));
}

/** A DuckDB date literal from a checked `yyyy-mm-dd` string (never raw user text in SQL). */
function dateLiteral(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new DashboardError('invalid_date', `\`${value}\` is not a date; use yyyy-mm-dd.`);
  }
  return `DATE '${value}'`;
}

function num(row: Row, column: string): number {
  const value = row[column];
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function text(row: Row, column: string): string {
  const value = row[column];
  return value === null || value === undefined ? '' : String(value);
}
