import { describe, expect, it } from 'vitest';

import { readSettings } from './config.ts';

const source = (values: Record<string, unknown>) => ({
  get: (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined),
  getObject: <T>(k: string) => values[k] as T | undefined,
});

describe('readSettings', () => {
  it('fills defaults from the stack name', () => {
    const s = readSettings(source({}), 'dev');
    expect(s.namePrefix).toBe('matriz-dev');
    expect(s.consumerBatchSize).toBe(100);
    expect(s.schedules.monthly).toBe('cron(0 9 5 * ? *)');
    expect(s.jwt).toBeUndefined();
  });

  it('names a batch size out of range and the allowed range', () => {
    expect(() => readSettings(source({ consumerBatchSize: '20000' }), 'dev')).toThrow(
      'Config `matriz:consumerBatchSize` is `20000`; set an integer from 1 to 10000.',
    );
  });

  it('rejects a schedule that is not an EventBridge expression', () => {
    expect(() => readSettings(source({ schedules: { daily: '0 9 * * *' } }), 'dev')).toThrow(
      'Config `matriz:schedules.daily` is `0 9 * * *`',
    );
  });

  it('rejects an analyst principal that is not an IAM ARN', () => {
    expect(() => readSettings(source({ analystPrincipals: ['analysts'] }), 'dev')).toThrow(
      '`analysts`',
    );
  });
});
