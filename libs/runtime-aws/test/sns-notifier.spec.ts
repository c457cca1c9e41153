import { describe, expect, it } from 'vitest';

import { createSnsClient, snsSubject, SnsNotifier } from '../src/index.ts';
import { startRecordingEndpoint } from './support/index.ts';

describe('snsSubject', () => {
  it('strips accents and line breaks and cuts at 100 characters', () => {
    expect(snsSubject('Usinas fósseis: 3 achados\nbloqueantes')).toBe(
      'Usinas fosseis: 3 achados bloqueantes',
    );
    expect(snsSubject('x'.repeat(150))).toHaveLength(100);
  });
});

describe('SnsNotifier', () => {
  it('publishes one message with the subject, the details and filterable attributes', async () => {
    // No SNS emulator exists: a loopback endpoint records the real client's Publish request.
    const endpoint = await startRecordingEndpoint(() => ({
      xml: '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>',
    }));
    const client = createSnsClient(endpoint.aws);
    try {
      await new SnsNotifier({
        client,
        topicArn: 'arn:aws:sns:us-east-1:000000000000:matriz-alerts',
      }).notify({
        dataset: 'siga',
        snapshot: '2024-09-01',
        severity: 'error',
        subject: 'siga: promoção bloqueada',
        body: '2 blocking findings.',
        details: { findings: { key_not_unique: 2 } },
      });
      expect(endpoint.calls).toHaveLength(1);
      const input = endpoint.calls[0]?.input ?? {};
      expect(input).toMatchObject({
        Action: 'Publish',
        TopicArn: 'arn:aws:sns:us-east-1:000000000000:matriz-alerts',
        Subject: '[error] siga: promocao bloqueada',
        'MessageAttributes.entry.1.Name': 'dataset',
        'MessageAttributes.entry.1.Value.StringValue': 'siga',
        'MessageAttributes.entry.2.Name': 'severity',
        'MessageAttributes.entry.2.Value.StringValue': 'error',
      });
      const message = String(input['Message']);
      expect(message.startsWith('2 blocking findings.\n\n')).toBe(true);
      expect(JSON.parse(message.slice(message.indexOf('{')))).toEqual({
        dataset: 'siga',
        snapshot: '2024-09-01',
        severity: 'error',
        details: { findings: { key_not_unique: 2 } },
      });
    } finally {
      client.destroy();
      await endpoint.stop();
    }
  });
});
