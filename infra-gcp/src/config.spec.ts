import { describe, expect, it } from 'vitest';

import { readStackConfig } from './config.ts';
import { lifecycleRules } from './lake.ts';
import { qualitySinkFilter } from './quality-filter.ts';

const source = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe('readStackConfig', () => {
  it('fills defaults and keeps the stack values', () => {
    const config = readStackConfig(
      source({ project: 'matriz-dev-000000' }),
      source({ prefix: 'matriz-dev', ckanBaseUrl: 'http://127.0.0.1:9' }),
    );
    expect(config).toMatchObject({
      region: 'southamerica-east1',
      bigqueryLocation: 'southamerica-east1',
      datasetPrefix: 'matriz',
      webhookSecretName: 'matriz-dev-notify-webhook-url',
      forceDestroy: false,
    });
  });

  it('refuses a missing portal URL instead of defaulting to a host', () => {
    expect(() => readStackConfig(source({ project: 'p-000000' }), source({}))).toThrow(
      /`matriz:ckanBaseUrl`/,
    );
  });

  it('names a bad retention value and the fix', () => {
    expect(() =>
      readStackConfig(
        source({ project: 'p-000000' }),
        source({ ckanBaseUrl: 'http://127.0.0.1:9', quarantineRetentionDays: '-3' }),
      ),
    ).toThrow('`matriz:quarantineRetentionDays` is `-3`; set a whole number of days above 0.');
  });
});

describe('lifecycleRules', () => {
  const args = {
    location: 'x',
    bronzeArchiveAfterDays: 90,
    quarantineRetentionDays: 30,
    noncurrentRetentionDays: 7,
    forceDestroy: false,
  };

  it('archives bronze and expires quarantine, and drops old versions everywhere', () => {
    expect(lifecycleRules('bronze', args)).toContainEqual({
      action: { type: 'SetStorageClass', storageClass: 'ARCHIVE' },
      condition: { age: 90, withState: 'LIVE' },
    });
    expect(lifecycleRules('quarantine', args)).toContainEqual({
      action: { type: 'Delete' },
      condition: { age: 30, withState: 'ANY' },
    });
    expect(lifecycleRules('gold', args)).toEqual([
      {
        action: { type: 'Delete' },
        condition: { daysSinceNoncurrentTime: 7, withState: 'ARCHIVED' },
      },
    ]);
  });
});

describe('qualitySinkFilter', () => {
  it('matches finished silver loads and silver table creations', () => {
    expect(qualitySinkFilter('matriz-dev-000000', ['matriz_silver'])).toMatchInlineSnapshot(`
      "protoPayload.metadata."@type"="type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata"
      AND (
        (protoPayload.metadata.jobChange.after="DONE"
         AND protoPayload.metadata.jobChange.job.jobConfig.type="LOAD"
         AND NOT protoPayload.metadata.jobChange.job.jobStatus.errorResult.code:*
         AND (protoPayload.metadata.jobChange.job.jobConfig.loadConfig.destinationTable:"projects/matriz-dev-000000/datasets/matriz_silver/tables/"))
        OR (protoPayload.metadata.tableCreation.table.tableName:"projects/matriz-dev-000000/datasets/matriz_silver/tables/")
      )"
    `);
  });
});
