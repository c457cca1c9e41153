export * from './diff-plan.ts';
export * from './diff-sql.ts';
export * from './diff-event.ts';
