import type { Notification, Notifier } from '@matriz/pipeline';

export interface WebhookOptions {
  /** Where to POST; only what the user configured (no default). */
  readonly url: string;
  /** Request timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

export class WebhookError extends Error {
  readonly code = 'webhook_failed';
}

/**
 * POSTs each notification as JSON (`{ text, ...notification }`: `text` makes it readable by chat
 * webhooks such as Slack or Google Chat). A non-2xx answer is an error naming the status.
 */
export class WebhookNotifier implements Notifier {
  constructor(private readonly options: WebhookOptions) {}

  async notify(n: Notification): Promise<void> {
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const text = `*${n.severity.toUpperCase()}* ${n.dataset}${n.snapshot ? ` @ ${n.snapshot}` : ''}: ${n.subject}\n${n.body}`;
    let response: Response;
    try {
      response = await doFetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, ...n }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new WebhookError(
        `Webhook \`${this.options.url}\` could not be reached (${(error as Error).message}): check the URL.`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new WebhookError(
        `Webhook \`${this.options.url}\` answered ${response.status}: check the URL and the receiving service.`,
      );
    }
  }
}

/** Sends every notification to all notifiers; one failing does not stop the others. */
export class FanOutNotifier implements Notifier {
  constructor(private readonly notifiers: readonly Notifier[]) {}

  async notify(n: Notification): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map((x) => x.notify(n)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
