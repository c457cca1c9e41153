import { Readable } from 'node:stream';

import {
  createCkanClient,
  datastoreToCsv,
  type CkanClient,
  type CkanClientOptions,
  type CkanResource,
} from '../extract/index.ts';
import type { DatasetSource, SourceDownload, SourceResource } from './deps.ts';

/**
 * The pipeline's source backed by a CKAN portal: `package_show` to find the resource, a
 * conditional streamed download, and, when the file download is not data (HTML, empty, 404) but
 * the portal's datastore holds the table, a rebuild of the CSV from `datastore_search` pages.
 */
export function createCkanDatasetSource(
  options: CkanClientOptions | { client: CkanClient },
): DatasetSource & { readonly client: CkanClient } {
  const client = 'client' in options ? options.client : createCkanClient(options);
  const resources = new Map<string, CkanResource>();
  return {
    client,
    async resolve(packageId: string, fileName: string): Promise<SourceResource> {
      const resource = await client.findResource(packageId, fileName);
      resources.set(resource.url, resource);
      return {
        id: resource.id,
        url: resource.url,
        name: resource.name ?? null,
        last_modified: resource.last_modified ?? null,
        hash: resource.hash ?? null,
        size: resource.size ?? null,
      };
    },
    async download(resource, validators): Promise<SourceDownload> {
      try {
        const result = await client.download(resource, {
          ...(validators.etag ? { etag: validators.etag } : {}),
          ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
        });
        if (result.status === 'not_modified') return { status: 'not_modified' };
        return {
          status: 'ok',
          body: result.body,
          etag: result.etag ?? null,
          lastModified: result.lastModified ?? null,
          url: result.url,
        };
      } catch (error) {
        const full = resources.get(resource.url);
        const code = (error as { code?: unknown }).code;
        const fallback = code === 'source_not_data' || code === 'source_http_404';
        if (!fallback || !full?.datastore_active) throw error;
        const pages = client.datastoreSearchAll(full.id);
        return {
          status: 'ok',
          body: Readable.from(datastoreToCsv(pages)),
          etag: null,
          lastModified: full.last_modified ?? null,
          url: `${client.baseUrl}/api/3/action/datastore_search?resource_id=${full.id}`,
          via: 'datastore',
        };
      }
    },
  };
}
