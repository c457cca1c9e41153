import {
  dialectFor,
  duckdbCsvRelation,
  headerMappingFrom,
  matchHeader,
  placeholderCombinationsSql,
  splitCsvLine,
  stagedSelectSql,
  tallyPlaceholders,
  type DatasetDefinition,
  type PlaceholderCount,
} from '@matriz/core';

import type { PipelineDeps } from '../run/deps.ts';
import { decodeToUtf8, readFirstLine } from './decode.ts';

/**
 * Placeholder counts and rows read of one CSV file (any encoding bronze accepts) by a scan of
 * SQL on DuckDB: what the silver step counted before its recoder did. Decodes into `utf8Path`,
 * which the caller removes. The yardstick the recoder's counts are tested against.
 */
export async function placeholderTallyBySql(
  engine: PipelineDeps['engine'],
  def: DatasetDefinition,
  file: string,
  utf8Path: string,
): Promise<{ rowsRead: number; placeholders: PlaceholderCount[] }> {
  const decoded = await decodeToUtf8(file, utf8Path);
  const headers = splitCsvLine(await readFirstLine(decoded.utf8Path));
  const d = dialectFor('duckdb');
  const staged = stagedSelectSql(def, d, {
    source: duckdbCsvRelation(decoded.utf8Path),
    header: headerMappingFrom(matchHeader(def, headers, { file })),
    dataDate: '1970-01-01',
  });
  return tallyPlaceholders(def, await engine.query(placeholderCombinationsSql(def, d, staged)));
}
