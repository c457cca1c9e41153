import fs from 'node:fs/promises';
import path from 'node:path';

import { createDuckDbEngine } from '@matriz/duckdb';
import { decodeToUtf8 } from '@matriz/pipeline';

import { required, timed, type Stage } from './stage.ts';

/**
 * The practical limit: DuckDB reading the same CSV straight to Parquet with no validation. DuckDB
 * cannot read Windows-1252 (its latin-1 reader rejects 0x80-0x9F, and the encodings extension
 * cannot be installed offline), so the bytes are first decoded to UTF-8 the same way the pipeline
 * does; both parts are timed.
 */
export const referenceDuckdbStage: Stage = async (args) => {
  const file = required(args.file, 'file');
  const scratch = required(args.scratch, 'scratch');
  await fs.mkdir(scratch, { recursive: true });
  const engine = await createDuckDbEngine({ tempDirectory: path.join(scratch, 'spill') });
  const utf8 = path.join(scratch, 'reference-utf8.csv');
  const parquet = path.join(scratch, 'reference.parquet');
  const bytes = (await fs.stat(file)).size;
  try {
    const decode = await timed(() => decodeToUtf8(file, utf8));
    const source = decode.value.utf8Path.replaceAll("'", "''");
    const copy = await timed(() =>
      engine.exec(
        `COPY (SELECT * FROM read_csv('${source}', all_varchar = true, header = true, ` +
          `delim = ';', quote = '"', escape = '"')) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`,
      ),
    );
    const [count] = await engine.query(`SELECT count(*) AS n FROM read_parquet('${parquet}')`);
    return {
      ms: decode.ms + copy.ms,
      rows: Number(count?.['n'] ?? 0),
      bytes,
      details: {
        encoding: decode.value.encoding,
        decodeMs: decode.ms,
        duckdbMs: copy.ms,
        parquetBytes: (await fs.stat(parquet)).size,
      },
    };
  } finally {
    await fs.rm(utf8, { force: true });
    await fs.rm(parquet, { force: true });
  }
};
