import { describe, expect, it } from 'vitest';

import { assertLeastPrivilege } from './policies.ts';

describe('assertLeastPrivilege', () => {
  it('rejects every action on every resource', () => {
    expect(() =>
      assertLeastPrivilege('p', [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }]),
    ).toThrow('Policy `p` allows `*` on `*`');
  });

  it('rejects a whole service on every resource', () => {
    expect(() =>
      assertLeastPrivilege('p', [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }]),
    ).toThrow('allows `s3:*` on `*`');
  });

  it('accepts one unscoped action that IAM cannot scope', () => {
    expect(() =>
      assertLeastPrivilege('p', [
        { Effect: 'Allow', Action: ['lakeformation:GetDataAccess'], Resource: ['*'] },
      ]),
    ).not.toThrow();
  });
});
