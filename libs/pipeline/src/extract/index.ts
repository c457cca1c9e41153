export * from './source-error.ts';
export * from './ckan-schemas.ts';
export * from './backoff.ts';
export { looksLikeHtml } from './sniff-payload.ts';
export * from './ckan-client.ts';
export * from './datastore-to-csv.ts';
