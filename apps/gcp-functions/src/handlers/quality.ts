import type { CloudEventFunction } from '@google-cloud/functions-framework';
import type { DatasetId } from '@matriz/core';
import { checkDatasetQuality } from '@matriz/pipeline';

import { silverTargetOf, UnrelatedLogEntryError } from '../log-entry.ts';
import { messageText, pubSubEnvelopeSchema } from '../pubsub-message.ts';
import { promote } from '../promote.ts';
import type { GcpRuntime } from '../runtime.ts';
import { errorBody } from './errors.ts';

/** What one evaluation reports back, for the log line. */
export interface QualitySummary {
  /** An `error` finding exists: the snapshot should not be promoted. */
  readonly blocking: boolean;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * What the quality function needs: evaluate the quality metrics (timeliness, completeness,
 * uniqueness, outliers) of one silver snapshot, record them, and send the dataset's one
 * notification through the notifier. The deployed function uses {@link pipelineQualityEvaluator}.
 */
export interface QualityEvaluator {
  /** `dataDate` undefined means the latest silver snapshot of the dataset. */
  evaluate(input: {
    readonly dataset: DatasetId;
    readonly dataDate?: string;
  }): Promise<QualitySummary>;
}

/**
 * The pipeline's `checkDatasetQuality` on GCP: the core's quality SQL runs in BigQuery over the
 * silver tables, metrics and findings go to the quality bucket, the notification to Pub/Sub.
 */
export function pipelineQualityEvaluator(rt: GcpRuntime): QualityEvaluator {
  return {
    async evaluate({ dataset, dataDate }) {
      const result = await checkDatasetQuality(
        {
          store: rt.store,
          warehouse: rt.warehouse,
          notifier: rt.notifier,
          clock: rt.clock,
          logger: rt.logger,
        },
        dataset,
        {
          ...(dataDate ? { dataDates: [dataDate] } : {}),
          resolverPrefix: rt.target.datasetPrefix ?? 'matriz',
          project: rt.target.projectId,
          notify: true,
        },
      );
      return {
        blocking: result.blocking,
        errors: result.counts.error,
        warnings: result.counts.warning,
      };
    },
  };
}

/**
 * Runs on each message the quality log sink publishes (a BigQuery silver load finished or a
 * silver table was created): evaluates that snapshot, which publishes one notification, then
 * promotes: gold is rebuilt without the dataset when a blocking finding exists, and the catalog
 * is updated last. Entries about other tables are acknowledged and skipped; failures are thrown
 * (retried).
 */
export function createQualityHandler(
  runtime: () => GcpRuntime,
  evaluator: (rt: GcpRuntime) => QualityEvaluator = pipelineQualityEvaluator,
): CloudEventFunction<unknown> {
  return async (event) => {
    const rt = runtime();
    const envelope = pubSubEnvelopeSchema.safeParse(event.data);
    if (!envelope.success) {
      rt.logger.warn('quality.bad_event', { id: event.id, reason: envelope.error.message });
      return;
    }
    let target;
    try {
      target = silverTargetOf(
        JSON.parse(messageText(envelope.data)),
        `${rt.target.datasetPrefix ?? 'matriz'}_silver`,
      );
    } catch (error) {
      if (error instanceof UnrelatedLogEntryError || error instanceof SyntaxError) {
        rt.logger.debug('quality.skipped', { id: event.id, reason: (error as Error).message });
        return;
      }
      throw error;
    }
    try {
      const summary = await evaluator(rt).evaluate({
        dataset: target.dataset,
        ...(target.dataDate ? { dataDate: target.dataDate } : {}),
      });
      const gold = await promote(
        rt,
        target.dataset,
        new Set(summary.blocking ? [target.dataset] : []),
      );
      rt.logger.info('quality.done', {
        stage: 'quality',
        dataset: target.dataset,
        data_date: target.dataDate,
        ...summary,
        gold_tables: gold.tables.length,
      });
    } catch (error) {
      rt.logger.error('quality.failed', {
        stage: 'quality',
        dataset: target.dataset,
        ...errorBody(error),
      });
      throw error;
    }
  };
}
