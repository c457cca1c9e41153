export * from './changes-layout.ts';
export * from './event-id.ts';
export * from './derive-changes.ts';
export * from './consume-batch.ts';
export * from './apply-event.ts';
