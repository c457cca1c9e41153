import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PortalPackage } from './catalogue.ts';
import { digestFile } from './file-digest.ts';
import type { PortalDictionary, PortalSnapshot } from './snapshots.ts';
import { stableId } from './stable-id.ts';

/** The real recorded `package_show` response the envelope is modelled on. */
export const RECORDED_PACKAGE_SHOW = path.join(
  'ckan-api',
  'package_show',
  'crosswalk_catalog.json',
);

/** Files larger than this are published without a datastore (not parsed into memory). */
export const DATASTORE_MAX_BYTES = 256 * 1024 * 1024;

type Json = Record<string, unknown>;

/**
 * The organisation block and licence fields of ANEEL's real response (read from the bundled
 * recording when present), so the envelope carries ANEEL's own values.
 */
export async function loadRecordedOrganization(dataDir: string): Promise<Json> {
  try {
    const recorded = JSON.parse(
      await readFile(path.join(dataDir, RECORDED_PACKAGE_SHOW), 'utf8'),
    ) as {
      result: Json;
    };
    const r = recorded.result;
    return {
      author: r['author'],
      author_email: r['author_email'],
      creator_user_id: r['creator_user_id'],
      license_id: r['license_id'],
      license_title: r['license_title'],
      license_url: r['license_url'],
      maintainer: r['maintainer'],
      maintainer_email: r['maintainer_email'],
      organization: r['organization'],
      owner_org: r['owner_org'],
    };
  } catch {
    return {
      license_id: 'odc-odbl',
      license_title: 'Open Data Commons Open Database License (ODbL)',
      license_url: 'http://www.opendefinition.org/licenses/odc-odbl',
    };
  }
}

/** Timestamp in CKAN's format (`2026-09-09T11:06:11.923440`) for a data date. */
export function ckanTimestamp(date: string): string {
  return `${date}T00:00:00.000000`;
}

/** Resource id of a package's CSV: stable across snapshots, like ANEEL's replaced files. */
export function csvResourceId(pkg: string): string {
  return stableId(`${pkg}/csv`);
}

/** Resource id of a package's data dictionary. */
export function dictionaryResourceId(pkg: string): string {
  return stableId(`${pkg}/dictionary`);
}

/** Download path of a resource on this portal. */
export function downloadPath(pkg: string, resourceId: string, fileName: string): string {
  return `/dataset/${pkg}/resource/${resourceId}/download/${encodeURIComponent(fileName)}`;
}

/** Inputs of one `package_show` result. */
export interface PackageShowInput {
  readonly origin: string;
  readonly pkg: PortalPackage;
  readonly snapshot: PortalSnapshot | undefined;
  readonly dictionary: PortalDictionary | undefined;
  readonly recorded: Json;
}

/**
 * The full CKAN `package_show` envelope, with the field set of ANEEL's real response
 * (`crosswalk_catalog.json`): a PDF dictionary resource at position 0 and the CSV at position 1.
 * The CSV is the package's current snapshot; it is absent when no snapshot exists (yet).
 */
export async function packageShowEnvelope(input: PackageShowInput): Promise<Json> {
  const { origin, pkg, snapshot, dictionary, recorded } = input;
  const packageId = stableId(`package/${pkg.name}`);
  const modified = snapshot ? ckanTimestamp(snapshot.dataDate) : '2022-06-01T00:00:00.000000';
  const resources: Json[] = [];
  if (dictionary) {
    const id = dictionaryResourceId(pkg.name);
    const digest = await digestFile(dictionary.path);
    resources.push({
      cache_last_updated: null,
      cache_url: null,
      created: '2022-06-01T00:00:00.000000',
      datastore_active: false,
      datastore_contains_all_records_of_source_file: false,
      description: '',
      format: 'PDF',
      hash: '',
      id,
      last_modified: '2022-06-01T00:00:00.000000',
      metadata_modified: '2022-06-01T00:00:00.000000',
      mimetype: 'application/pdf',
      mimetype_inner: null,
      name: 'Dicionário de dados',
      package_id: packageId,
      position: 0,
      resource_type: null,
      size: digest.size,
      state: 'active',
      url: `${origin}${downloadPath(pkg.name, id, dictionary.fileName)}`,
      url_type: 'upload',
      tracking_summary: { total: 0, recent: 0 },
    });
  }
  if (snapshot) {
    const id = csvResourceId(pkg.name);
    const digest = await digestFile(snapshot.path);
    const url = `${origin}${downloadPath(pkg.name, id, snapshot.fileName)}`;
    const datastore = snapshot.bytes <= DATASTORE_MAX_BYTES;
    resources.push({
      cache_last_updated: null,
      cache_url: null,
      ckan_url: origin,
      created: '2022-06-01T00:00:00.000000',
      datastore_active: datastore,
      datastore_contains_all_records_of_source_file: datastore,
      description: null,
      format: 'CSV',
      hash: digest.md5,
      id,
      ignore_hash: false,
      last_modified: ckanTimestamp(snapshot.dataDate),
      metadata_modified: ckanTimestamp(snapshot.dataDate),
      mimetype: 'text/csv',
      mimetype_inner: null,
      name: snapshot.fileName.replace(/\.csv$/i, ''),
      original_url: url,
      package_id: packageId,
      position: resources.length,
      queue_name: 'default',
      resource_id: id,
      resource_type: null,
      set_url_type: false,
      size: digest.size,
      state: 'active',
      task_created: `${snapshot.dataDate} 00:00:00.000000`,
      url,
      url_type: 'upload',
      tracking_summary: { total: 0, recent: 0 },
    });
  }
  return {
    help: `${origin}/api/3/action/help_show?name=package_show`,
    success: true,
    result: {
      ...recorded,
      id: packageId,
      isopen: true,
      metadata_created: '2022-06-01T00:00:00.000000',
      metadata_modified: modified,
      name: pkg.name,
      notes: pkg.notes,
      num_resources: resources.length,
      num_tags: 1,
      private: false,
      state: 'active',
      title: pkg.title,
      type: 'dataset',
      url: `${origin}/`,
      version: '1.0',
      extras: [
        { key: 'Categorias no VCGE', value: 'Energia Elétrica' },
        { key: 'Cobertura geográfica', value: 'Nacional' },
        { key: 'Frequência de atualização', value: pkg.frequency },
      ],
      groups: [],
      resources,
      tags: [
        {
          display_name: 'geração',
          id: stableId('tag/geracao'),
          name: 'geração',
          state: 'active',
          vocabulary_id: null,
        },
      ],
      relationships_as_subject: [],
      relationships_as_object: [],
      tracking_summary: { total: 0, recent: 0 },
    },
  };
}

/** CKAN's 404 answer to an unknown package id. */
export function notFoundEnvelope(origin: string, action: string, message = 'Not found'): Json {
  return {
    help: `${origin}/api/3/action/help_show?name=${action}`,
    error: { __type: 'Not Found Error', message },
    success: false,
  };
}
