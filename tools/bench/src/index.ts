export { runBench, type BenchOptions, type BenchReport } from './run-bench.ts';
export { formatReport } from './format-report.ts';
export { checkTargets, ratiosOf, type Ratios, type TargetCheck } from './targets.ts';
export type { StageResult } from './stage-result.ts';
