import { diffStage } from './diff-stage.ts';
import {
  extractStage,
  goldStage,
  ingestStage,
  rerunStage,
  silverStage,
} from './pipeline-stages.ts';
import { qualityStage } from './quality-stage.ts';
import { referenceDuckdbStage } from './reference-duckdb.ts';
import { referenceJsStage } from './reference-js.ts';
import type { Stage } from './stage.ts';

export type { Stage, StageArgs, StageOutcome } from './stage.ts';

/** Every stage a child process can run, by name. */
export const STAGES = {
  ingest: ingestStage,
  silver: silverStage,
  gold: goldStage,
  quality: qualityStage,
  extract: extractStage,
  diff: diffStage,
  rerun: rerunStage,
  'reference-duckdb': referenceDuckdbStage,
  'reference-js': referenceJsStage,
} as const satisfies Record<string, Stage>;

export type StageName = keyof typeof STAGES;
