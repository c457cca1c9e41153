/**
 * Child-process entry: runs one stage and writes its {@link StageResult} as JSON to the file named
 * by the second argument. One process per stage makes its peak RSS (`VmHWM`) the stage's own.
 */
import fs from 'node:fs/promises';

import { peakRssBytes, startRssSampler } from './memory.ts';
import type { StageResult } from './stage-result.ts';
import { STAGES, type StageArgs, type StageName } from './stages/index.ts';

const [name, resultFile, json] = process.argv.slice(2);
if (!name || !(name in STAGES) || !resultFile || !json) {
  console.error(`Usage: stage-main <${Object.keys(STAGES).join('|')}> <result.json> <args json>`);
  process.exit(2);
}
const args = JSON.parse(json) as StageArgs;
const baseline = process.memoryUsage.rss();
const sampler = startRssSampler();
const outcome = await STAGES[name as StageName](args);
const sampled = sampler.stop();

const result: StageResult = {
  stage: name,
  ms: outcome.ms,
  rows: outcome.rows,
  bytes: outcome.bytes,
  peakRssBytes: peakRssBytes() ?? null,
  sampledRssBytes: sampled,
  baselineRssBytes: baseline,
  details: outcome.details,
};
await fs.writeFile(resultFile, JSON.stringify(result));
process.exit(0);
