import fs from 'node:fs/promises';
import path from 'node:path';

import type { GdSnapshotFile } from './gd/generate-gd.ts';

/** Name of the notice written beside generated files. */
export const README_NAME = 'README.md';
/** Name of the machine-readable description of the generated files. */
export const MANIFEST_NAME = 'generated.json';

/**
 * Writes `README.md` (a plain statement that the files are synthetic, with their counts) and
 * `generated.json` beside the generated files. The CSVs themselves carry no marker: it would
 * break ANEEL's format.
 */
export async function writeSyntheticNotice(
  outDir: string,
  files: readonly GdSnapshotFile[],
  command: string,
): Promise<void> {
  const lines = [
    '# SYNTHETIC DATA: not published by ANEEL',
    '',
    'Every file under this folder was produced by `@matriz/generator` (tools/generator) from a',
    "seed. The files follow the layout of ANEEL's distributed-generation open-data file",
    '(`empreendimento-geracao-distribuida.csv`: header of dictionary v2.3, `;`, every field quoted,',
    'CRLF, decimal comma) but every row is invented: names, documents, codes and capacities describe',
    'no real unit. Use them for benchmarks and tests only.',
    '',
    `Command: \`${command}\``,
    '',
    '| data date | rows | bytes | encoding | quarantined | sha256 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...files.map(
      (f) =>
        `| ${f.dataDate} | ${f.rows} | ${f.bytes} | ${f.encoding} | ${f.quarantined} | ${f.sha256} |`,
    ),
    '',
  ];
  await fs.mkdir(outDir, { recursive: true });
  await fs.writeFile(path.join(outDir, README_NAME), lines.join('\n'));
  const manifest = {
    synthetic: true,
    generator: '@matriz/generator',
    command,
    files: files.map((f) => ({ ...f, path: path.relative(outDir, f.path) })),
  };
  await fs.writeFile(path.join(outDir, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');
}
