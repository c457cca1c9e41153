import type { CloudEventFunction } from '@google-cloud/functions-framework';
import { z } from 'zod';

import { messageText, pubSubEnvelopeSchema } from '../pubsub-message.ts';
import type { GcpRuntime } from '../runtime.ts';

const notificationSchema = z.object({
  dataset: z.string(),
  snapshot: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'error']),
  subject: z.string(),
  body: z.string(),
  details: z.record(z.string(), z.unknown()),
});

const ICON = { info: 'ℹ️', warning: '⚠️', error: '🛑' } as const;

/** A webhook delivery failed; thrown so Eventarc retries the message. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code = 'webhook_failed';
}

/**
 * Posts each notification from the notification topic to a webhook (a chat channel's incoming
 * webhook, or a push service): `{ "text": "<icon> subject\n\nbody", "notification": {…} }`.
 * `text` is what Google Chat and Slack render; the structured copy is for other receivers.
 * The URL comes from Secret Manager (`MATRIZ_WEBHOOK_URL`); there is no default.
 */
export function createNotifyHandler(
  runtime: () => GcpRuntime,
  options: { timeoutMs?: number } = {},
): CloudEventFunction<unknown> {
  return async (event) => {
    const rt = runtime();
    const url = rt.config.MATRIZ_WEBHOOK_URL;
    if (!url) {
      throw new WebhookError(
        '`MATRIZ_WEBHOOK_URL` is not set; add a version to the webhook secret in Secret Manager.',
      );
    }
    const envelope = pubSubEnvelopeSchema.safeParse(event.data);
    const parsed = envelope.success
      ? notificationSchema.safeParse(safeJson(messageText(envelope.data)))
      : undefined;
    if (!parsed?.success) {
      rt.logger.warn('notify.bad_message', { id: event.id });
      return;
    }
    const n = parsed.data;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        text: `${ICON[n.severity]} ${n.subject}\n\n${n.body}`,
        notification: n,
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      throw new WebhookError(
        `The webhook answered HTTP ${response.status} for \`${n.subject}\`; the message will be retried. Check the URL in the secret.`,
      );
    }
    rt.logger.info('notify.sent', {
      stage: 'notify',
      dataset: n.dataset,
      severity: n.severity,
      status: response.status,
    });
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
