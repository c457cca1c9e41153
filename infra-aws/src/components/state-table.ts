import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Arguments of {@link StateTable}. */
export interface StateTableArgs {
  readonly namePrefix: string;
}

/**
 * The DynamoDB table of latest state and history per entity (`pk = dataset#key`, `sk = latest |
 * event#<snapshot>#<event_id>`), written idempotently by the consumer. On-demand, encrypted,
 * point-in-time recovery on.
 */
export class StateTable extends pulumi.ComponentResource {
  readonly table: aws.dynamodb.Table;

  constructor(name: string, args: StateTableArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:StateTable', name, {}, opts);
    this.table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        name: `${args.namePrefix}-state`,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'pk',
        rangeKey: 'sk',
        attributes: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'S' },
        ],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
      },
      { parent: this },
    );
    this.registerOutputs({ tableName: this.table.name });
  }
}
