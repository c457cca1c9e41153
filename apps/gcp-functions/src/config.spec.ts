import { describe, expect, it } from 'vitest';

import { readFunctionConfig, required } from './config.ts';

const base = {
  MATRIZ_PROJECT: 'matriz-test',
  MATRIZ_BIGQUERY_LOCATION: 'southamerica-east1',
  MATRIZ_BUCKETS: '{"bronze":"lake-bronze","state":"lake-state"}',
  MATRIZ_CHANGES_TOPIC: 'changes',
  MATRIZ_NOTIFICATIONS_TOPIC: 'notifications',
};

describe('readFunctionConfig', () => {
  it('parses the bucket map and fills defaults', () => {
    const config = readFunctionConfig(base);
    expect(config.MATRIZ_BUCKETS).toEqual({ bronze: 'lake-bronze', state: 'lake-state' });
    expect(config.MATRIZ_DATASET_PREFIX).toBe('matriz');
    expect(config.MATRIZ_WORK_DIR).toBe('/tmp');
  });

  it('names every missing or malformed variable', () => {
    expect(() =>
      readFunctionConfig({ ...base, MATRIZ_BUCKETS: 'nope', MATRIZ_PROJECT: undefined }),
    ).toThrow(/`MATRIZ_PROJECT`.*`MATRIZ_BUCKETS`: expected a JSON object/);
  });

  it('has no default webhook and says so when a function needs it', () => {
    const config = readFunctionConfig(base);
    expect(config.MATRIZ_WEBHOOK_URL).toBeUndefined();
    expect(() => required(config, 'MATRIZ_WEBHOOK_URL')).toThrow('`MATRIZ_WEBHOOK_URL` is not set');
  });
});
