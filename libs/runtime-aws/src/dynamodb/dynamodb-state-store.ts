import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ChangeEvent } from '@matriz/core';
import type { ApplyOutcome, EntityState, StateStore } from '@matriz/pipeline';

import { clientConfig, type AwsClientOptions } from '../config/client-config.ts';

/** Sort key of the item holding an entity's latest state. */
export const LATEST_SORT_KEY = 'latest';

/** Builds a DynamoDB client (HTTP/1.1 handler, injectable endpoint and credentials). */
export function createDynamoDbClient(options: AwsClientOptions): DynamoDBClient {
  return new DynamoDBClient(clientConfig(options));
}

/** Partition key of an entity: `<dataset>#<key>`. */
export function partitionKey(dataset: string, key: string): string {
  return `${dataset}#${key}`;
}

/** Sort key of one history item: `event#<snapshot>#<event_id>`, so history sorts by snapshot. */
export function historySortKey(event: Pick<ChangeEvent, 'to_snapshot' | 'event_id'>): string {
  return `event#${event.to_snapshot}#${event.event_id}`;
}

/** Options of {@link DynamoDbStateStore}. */
export interface DynamoDbStateStoreOptions {
  readonly client: DynamoDBClient;
  /** Table with string keys `pk` (partition) and `sk` (sort). */
  readonly tableName: string;
}

/**
 * {@link StateStore} on one DynamoDB table: per entity (`pk = dataset#key`) one `latest` item and
 * one history item per applied event (`sk = event#<snapshot>#<event_id>`).
 *
 * `apply` is idempotent without transactions, and safe to retry after a crash at any point:
 * 1. an existing history item means `duplicate` (nothing written);
 * 2. the latest item is replaced only under the condition "absent or snapshot <= event's", so a
 *    concurrent or older event can never overwrite a newer state (failing condition: `stale`);
 * 3. the history item is written last with `attribute_not_exists`, so a retry after a crash
 *    between 2 and 3 re-applies the same state and then records the event once.
 */
export class DynamoDbStateStore implements StateStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoDbStateStoreOptions) {
    this.#doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
    this.#table = options.tableName;
  }

  async apply(event: ChangeEvent): Promise<ApplyOutcome> {
    const pk = partitionKey(event.dataset, event.key);
    const sk = historySortKey(event);

    const seen = await this.#doc.send(
      new GetCommand({ TableName: this.#table, Key: { pk, sk }, ConsistentRead: true }),
    );
    if (seen.Item !== undefined) return 'duplicate';

    const outcome = await this.#replaceLatest(pk, event);
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk, sk, event },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return 'duplicate';
      throw error;
    }
    return outcome;
  }

  async #replaceLatest(pk: string, event: ChangeEvent): Promise<ApplyOutcome> {
    const deleted = event.kind === 'deleted';
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk, sk: LATEST_SORT_KEY },
          UpdateExpression:
            'SET #dataset = :dataset, #key = :key, #record = :record, #snapshot = :snapshot, ' +
            '#last = :last, #deleted = :deleted',
          ConditionExpression: 'attribute_not_exists(pk) OR #snapshot <= :snapshot',
          ExpressionAttributeNames: {
            '#dataset': 'dataset',
            '#key': 'key',
            '#record': 'record',
            '#snapshot': 'snapshot',
            '#last': 'last_event_id',
            '#deleted': 'deleted',
          },
          ExpressionAttributeValues: {
            ':dataset': event.dataset,
            ':key': event.key,
            ':record': deleted ? null : event.record,
            ':snapshot': event.to_snapshot,
            ':last': event.event_id,
            ':deleted': deleted,
          },
        }),
      );
      return 'applied';
    } catch (error) {
      if (isConditionFailure(error)) return 'stale';
      throw error;
    }
  }

  async latest(dataset: string, key: string): Promise<EntityState | undefined> {
    const out = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: { pk: partitionKey(dataset, key), sk: LATEST_SORT_KEY },
        ConsistentRead: true,
      }),
    );
    const item = out.Item;
    if (item === undefined) return undefined;
    return {
      dataset: String(item['dataset']),
      key: String(item['key']),
      record: (item['record'] ?? null) as EntityState['record'],
      snapshot: String(item['snapshot']),
      last_event_id: String(item['last_event_id']),
      deleted: item['deleted'] === true,
    };
  }

  async history(dataset: string, key: string): Promise<ChangeEvent[]> {
    const events: ChangeEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#doc.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partitionKey(dataset, key), ':prefix': 'event#' },
          ConsistentRead: true,
          ScanIndexForward: true,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const item of out.Items ?? []) events.push(item['event'] as ChangeEvent);
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    return events;
  }
}

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
