import { createHash } from 'node:crypto';

import { eventIdInput, type ChangeEvent, type UnidentifiedEvent } from '@matriz/core';

/** The stable id of a change: sha256 (hex) of its dataset, key, kind, snapshots and changes. */
export function eventIdOf(event: UnidentifiedEvent): string {
  return createHash('sha256').update(eventIdInput(event)).digest('hex');
}

/** The event with its stable id. */
export function identify(event: UnidentifiedEvent): ChangeEvent {
  return { event_id: eventIdOf(event), ...event };
}

/** Stream partition key of an event (`<dataset>|<key>`): all changes of a key keep their order. */
export function partitionKeyOf(event: Pick<ChangeEvent, 'dataset' | 'key'>): string {
  return `${event.dataset}|${event.key}`;
}
