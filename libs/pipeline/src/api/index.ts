export * from './api-types.ts';
export * from './api-error.ts';
export * from './bearer-auth.ts';
export * from './record-schema.ts';
export * from './handle-api-request.ts';
