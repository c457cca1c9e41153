import type { Writable } from 'node:stream';

import type { Notification, Notifier } from '@matriz/pipeline';

/** Writes one block per notification to a stream (the terminal, usually stderr). */
export class StreamNotifier implements Notifier {
  constructor(private readonly out: Writable) {}

  async notify(n: Notification): Promise<void> {
    const head = `[${n.severity}] ${n.dataset}${n.snapshot ? ` @ ${n.snapshot}` : ''}: ${n.subject}`;
    this.out.write(`${head}\n${n.body ? indent(n.body) + '\n' : ''}`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
