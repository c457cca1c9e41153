import { DATASET_IDS, type DatasetId } from '@matriz/core';
import { createCkanDatasetSource, readLatestQuality, runPipeline } from '@matriz/pipeline';
import { FsObjectStore, openLocalLake } from '@matriz/runtime-local';

import { openLocalPipeline } from '../compose.ts';
import { loadDashboardData, renderDashboard } from '../pages/dashboard/index.ts';
import { renderQualityPage } from '../pages/quality-page.ts';
import type { CommandContext } from './command.ts';
import { LIVE_PORTAL } from './run.ts';
import { createServeCommand, type ServeFactory } from './serve.ts';

/**
 * What `matriz serve` runs behind its routes: `POST /ingest/{dataset}` runs the pipeline for that
 * dataset against `$MATRIZ_PORTAL_URL` (default: ANEEL's live portal), `GET /quality` and the
 * quality page read the latest findings, and `/` shows the dashboard.
 */
export function serveFactory(
  base: Pick<CommandContext, 'logger' | 'env' | 'stdout' | 'stderr'>,
): ServeFactory {
  const quality = (lake: string) => readLatestQuality(new FsObjectStore(lake), DATASET_IDS);
  return {
    async ingest(lake: string, dataset: DatasetId) {
      const ctx: CommandContext = { ...base, lake, interactive: false };
      const source = createCkanDatasetSource({
        baseUrl: base.env['MATRIZ_PORTAL_URL'] ?? LIVE_PORTAL,
      });
      const pipeline = await openLocalPipeline(ctx, source);
      try {
        const summary = await runPipeline(pipeline.deps, { datasets: [dataset] });
        return {
          ok: summary.ok,
          datasets: summary.datasets.map((r) => ({
            dataset: r.dataset,
            status: r.status,
            snapshots: r.silver.map((s) => s.dataDate),
            error: r.error ?? null,
          })),
          blocked: summary.blocked,
          gold: summary.gold.tables,
        };
      } finally {
        await pipeline.close();
      }
    },
    quality,
    pages: {
      '/': async (lake) => {
        const opened = await openLocalLake(lake);
        try {
          return renderDashboard(await loadDashboardData(opened));
        } finally {
          await opened.close();
        }
      },
      '/quality.html': async (lake) => renderQualityPage(await quality(lake), new Date()),
    },
  };
}

/** `matriz serve` wired to the local pipeline (the composition root's pieces). */
export const serveCommand = {
  ...createServeCommand({}),
  run(args: readonly string[], ctx: CommandContext) {
    return createServeCommand(serveFactory(ctx)).run(args, ctx);
  },
};
