import type { CloudEventFunction } from '@google-cloud/functions-framework';
import type { DatasetId } from '@matriz/core';
import type { Notification } from '@matriz/pipeline';

import { silverTargetOf, UnrelatedLogEntryError } from '../log-entry.ts';
import { messageText, pubSubEnvelopeSchema } from '../pubsub-message.ts';
import type { GcpRuntime } from '../runtime.ts';
import { errorBody } from './errors.ts';

/**
 * What the quality function needs from the pipeline: evaluate the quality metrics (timeliness,
 * completeness, uniqueness, outliers) of one silver snapshot, record them, and say what to tell
 * people. `evaluateQuality` in `@matriz/pipeline` is to satisfy it; until then the composition
 * root passes an implementation (see the report of issue 6).
 */
export interface QualityEvaluator {
  /** `dataDate` undefined means the latest silver snapshot of the dataset. */
  evaluate(input: {
    readonly dataset: DatasetId;
    readonly dataDate?: string;
  }): Promise<Notification>;
}

/**
 * Runs on each message the quality log sink publishes (a BigQuery silver load finished or a
 * silver table was created): evaluates that snapshot and publishes one notification. Entries
 * about other tables are acknowledged and skipped; evaluation failures are thrown (retried).
 */
export function createQualityHandler(
  runtime: () => GcpRuntime,
  evaluator: (rt: GcpRuntime) => QualityEvaluator,
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
      const notification = await evaluator(rt).evaluate({
        dataset: target.dataset,
        ...(target.dataDate ? { dataDate: target.dataDate } : {}),
      });
      await rt.notifier.notify(notification);
      rt.logger.info('quality.done', {
        stage: 'quality',
        dataset: target.dataset,
        data_date: target.dataDate,
        severity: notification.severity,
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
