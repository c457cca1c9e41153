import * as pulumi from '@pulumi/pulumi';

/** A resource the program registered, with its resolved inputs. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  readonly state: Record<string, unknown>;
}

export const ACCOUNT = '111122223333';
export const REGION = 'sa-east-1';

/** The outputs AWS would compute (ARNs, URLs), shaped like the real ones. */
function computed(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const physical = String(inputs['name'] ?? inputs['bucket'] ?? name);
  switch (type) {
    case 'aws:s3/bucket:Bucket':
      return { arn: `arn:aws:s3:::${physical}`, bucket: physical };
    case 'aws:lambda/function:Function':
      return {
        arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}/invocations`,
      };
    case 'aws:iam/role:Role':
      return { arn: `arn:aws:iam::${ACCOUNT}:role/${physical}` };
    case 'aws:kinesis/stream:Stream':
      return { arn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${physical}` };
    case 'aws:sqs/queue:Queue':
      return {
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${physical}`,
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}`,
      };
    case 'aws:apigatewayv2/api:Api':
      return {
        executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:api123`,
        apiEndpoint: `https://api123.execute-api.${REGION}.amazonaws.com`,
      };
    case 'aws:dynamodb/table:Table':
      return { arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${physical}` };
    case 'aws:sns/topic:Topic':
      return { arn: `arn:aws:sns:${REGION}:${ACCOUNT}:${physical}` };
    case 'aws:athena/workgroup:Workgroup':
      return { arn: `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/${physical}` };
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical}` };
    case 'aws:cloudwatch/eventRule:EventRule':
      return { arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${physical}` };
    default:
      return {};
  }
}

/** Installs Pulumi mocks that record every resource; returns the live list. */
export function installMocks(): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
        const id = `${args.name}-id`;
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, id, state });
        return { id, state };
      },
      call(args) {
        switch (args.token) {
          case 'aws:index/getRegion:getRegion':
            return { name: REGION, region: REGION, id: REGION };
          case 'aws:index/getCallerIdentity:getCallerIdentity':
            return {
              accountId: ACCOUNT,
              arn: `arn:aws:iam::${ACCOUNT}:user/deployer`,
              userId: 'x',
              id: ACCOUNT,
            };
          case 'aws:index/getPartition:getPartition':
            return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
          default:
            return args.inputs;
        }
      },
    },
    'matriz-aws',
    'prod',
    false,
  );
  return registered;
}

/** Waits until no new resource has been registered for a while. */
export async function settle(registered: readonly Registered[]): Promise<void> {
  let last = -1;
  while (registered.length !== last) {
    last = registered.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
