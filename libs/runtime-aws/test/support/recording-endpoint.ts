import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { AwsClientOptions } from '../../src/config/client-config.ts';
import { DUMMY_CREDENTIALS } from './emulators.ts';

/** One request the SDK sent: its operation and decoded body. */
export interface RecordedCall {
  /** `AmazonAthena.StartQueryExecution`, `AWSGlue.GetTable`, or the query `Action` (`Publish`). */
  readonly operation: string;
  /** JSON body (JSON protocols) or form fields (query protocol). */
  readonly input: Record<string, unknown>;
}

/** What the endpoint answers: a JSON value, an XML string, or an AWS error. */
export type Reply =
  | { readonly json: unknown }
  | { readonly xml: string }
  | { readonly error: string; readonly status?: number; readonly message?: string };

/**
 * A loopback HTTP endpoint that records the real SDK's requests and answers them from `reply`.
 * Used only where no emulator exists (Athena, Glue, SNS): it pins the requests the adapters send,
 * it does not pretend to run queries.
 */
export async function startRecordingEndpoint(reply: (call: RecordedCall) => Reply) {
  const calls: RecordedCall[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const target = req.headers['x-amz-target'];
      let call: RecordedCall;
      if (typeof target === 'string') {
        call = {
          operation: target,
          input: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
        };
      } else {
        const form = Object.fromEntries(new URLSearchParams(text));
        call = { operation: String(form['Action'] ?? ''), input: form };
      }
      calls.push(call);
      const answer = reply(call);
      if ('json' in answer) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer.json));
      } else if ('xml' in answer) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(answer.xml);
      } else {
        res.writeHead(answer.status ?? 400, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': answer.error,
        });
        res.end(JSON.stringify({ __type: answer.error, message: answer.message ?? answer.error }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const aws: AwsClientOptions = {
    region: 'us-east-1',
    endpoint,
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: 1,
  };
  return {
    endpoint,
    aws,
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
