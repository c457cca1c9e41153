import { createHash } from 'node:crypto';

/**
 * A deterministic UUID-shaped id (CKAN ids are UUIDs) derived from a name, so a resource keeps its
 * id across snapshots and portal restarts, as ANEEL's resources do when a file is replaced.
 */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`matriz-portal:${name}`).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `a${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
