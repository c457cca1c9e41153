import * as pulumi from '@pulumi/pulumi';

/** One IAM policy statement (Allow only: the program grants, never denies in roles). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly pulumi.Input<string>[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Throws when a statement allows every action, or a whole-service wildcard (`s3:*`) on every
 * resource. Called on each policy the program builds, so a broad grant fails `pulumi up` early.
 */
export function assertLeastPrivilege(name: string, statements: readonly Statement[]): void {
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    const broadAction = s.Action.find((a) => a === '*' || a.endsWith(':*'));
    const anyResource = s.Resource.some((r) => r === '*');
    if (broadAction !== undefined && anyResource) {
      throw new Error(
        `Policy \`${name}\` allows \`${broadAction}\` on \`*\`; list the actions and scope the ` +
          'resources to ARNs.',
      );
    }
    if (broadAction === '*') {
      throw new Error(`Policy \`${name}\` allows every action (\`*\`); list the actions it needs.`);
    }
  }
}

/** The JSON policy document of statements whose resources may still be outputs. */
export function policyDocument(
  name: string,
  statements: readonly Statement[],
): pulumi.Output<string> {
  assertLeastPrivilege(name, statements);
  return pulumi.jsonStringify({ Version: '2012-10-17', Statement: statements });
}

/** The trust policy that lets a service assume a role. */
export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/** The bucket policy that denies any request not made over TLS. */
export function tlsOnlyBucketPolicy(bucketArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
