import type { BenchReport } from './run-bench.ts';
import { measuredPairs } from './targets.ts';

const LABELS: Readonly<Record<string, string>> = {
  'reference-duckdb': 'reference: decode + DuckDB read_csv → Parquet',
  'reference-js': 'reference: iconv → csv-parse → objects → NDJSON',
  ingest: 'file → bronze (copy, sha256, sniff)',
  silver: 'bronze → silver (full validation)',
  gold: 'silver → gold',
  quality: 'quality checks',
  extract: 'portal → bronze, second snapshot (200)',
  'silver-second': 'bronze → silver, second snapshot',
  diff: 'diff of the two snapshots',
  rerun: 're-run, unchanged source (304)',
  'ingest-small': 'file → bronze, small size',
  'silver-small': 'bronze → silver, small size',
};

const mb = (bytes: number | null | undefined) =>
  bytes === null || bytes === undefined ? '' : (bytes / 1e6).toFixed(0);

function pad(cells: readonly string[], widths: readonly number[]): string {
  return `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [
    pad(header, widths),
    pad(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ];
}

/** A stage's label; a further pair's measurement (`silver-2`) says which pair it is. */
function labelOf(name: string): string {
  const pair = /^(reference-duckdb|silver)-([0-9]+)$/.exec(name);
  if (pair) return `${LABELS[pair[1]!]} (pair ${pair[2]})`;
  const small = /^silver-small-([0-9]+)$/.exec(name);
  if (small) return `${LABELS['silver-small']} (run ${small[1]})`;
  return LABELS[name] ?? name;
}

/** The silver step's own split of its time, from its log, per run at the full size. */
function silverSplit(report: BenchReport): string[] {
  const runs = measuredPairs(report.stages).map((p) => p.silver);
  return runs.flatMap(({ details }, k) => {
    const seconds = (field: string): string => {
      const ms = details[field];
      return typeof ms === 'number' ? (ms / 1000).toFixed(2) : '?';
    };
    if (typeof details['decode_ms'] !== 'number') return [];
    const which = runs.length > 1 ? ` (pair ${k + 1})` : '';
    return [
      `bronze → silver split${which}: decoding and numbering ${seconds('decode_ms')} s, ` +
        `pass 1 (validate, write silver) ${seconds('silver_ms')} s, ` +
        `placeholder counts ${seconds('placeholders_ms')} s, quarantine ${seconds('quarantine_ms')} s.`,
    ];
  });
}

/** The report as Markdown tables (what `pnpm bench` prints and tools/bench/README.md quotes). */
export function formatReport(report: BenchReport): string {
  const rows = Object.entries(report.stages).map(([name, s]) => {
    const seconds = s.ms / 1000;
    return [
      labelOf(name),
      seconds.toFixed(2),
      s.rows ? String(s.rows) : '',
      s.rows && seconds > 0 ? Math.round(s.rows / seconds).toLocaleString('en') : '',
      s.bytes && seconds > 0 ? (s.bytes / 1e6 / seconds).toFixed(1) : '',
      mb(s.peakRssBytes),
      mb(s.sampledRssBytes),
    ];
  });
  const r = report.ratios;
  const f = report.files;
  const pairs =
    r.silverVsDuckdbPairs.length > 1
      ? ` (median of the ratios of ${r.silverVsDuckdbPairs.length} alternate pairs: ` +
        `${r.silverVsDuckdbPairs.map((x) => x.toFixed(2) + '×').join(', ')})`
      : '';
  return [
    `Synthetic GD (generated, not ANEEL data): ${report.rows} rows, ` +
      `${(f.first.bytes / 1e6).toFixed(0)} MB ${f.first.encoding}; second snapshot ${f.second.rows} rows ` +
      `(${f.second.inserted} inserted, ${f.second.updated} updated, ${f.second.deleted} deleted); ` +
      `small size ${report.smallRows} rows.`,
    `Machine: ${report.machine.cpus} cores (${report.machine.cpuModel}), ` +
      `${(report.machine.totalMemoryBytes / 1024 ** 3).toFixed(0)} GB, Node ${report.machine.node}, ` +
      `DuckDB ${report.machine.duckdb}, commit ${report.machine.commit}; load average ` +
      `${report.machine.loadBefore.toFixed(1)} before, ${report.machine.loadAfter.toFixed(1)} after.`,
    '',
    ...table(['stage', 'wall s', 'rows', 'rows/s', 'MB/s', 'peak RSS MB', 'sampled RSS MB'], rows),
    '',
    `Ratios: bronze → silver / DuckDB reference = ${r.silverVsDuckdb.toFixed(2)}×${pairs} ` +
      `(/ DuckDB part alone = ${r.silverVsDuckdbEngineOnly.toFixed(2)}×); ` +
      `JS reference / bronze → silver = ${r.jsVsSilver === null ? 'n/a' : r.jsVsSilver.toFixed(2) + '×'}; ` +
      `diff / bronze → silver = ${r.diffVsSilver.toFixed(2)}×.`,
    ...silverSplit(report),
    '',
    ...table(
      ['target', 'measured', 'pass'],
      report.targets.map((t) => [
        t.target,
        t.measured,
        t.pass === null ? 'n/a' : t.pass ? 'yes' : 'NO',
      ]),
    ),
    '',
    ...table(
      ['reconciliation', 'expected', 'actual', 'ok'],
      report.reconciliation.map((c) => [
        c.check,
        String(c.expected),
        String(c.actual),
        c.ok ? 'yes' : 'NO',
      ]),
    ),
  ].join('\n');
}
