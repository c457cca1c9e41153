import type { Catalog, ObjectStore, TableEntry } from '@matriz/pipeline';

/** Key of the local catalog document in the lake. */
export const CATALOG_KEY = 'catalog.json';

interface CatalogDocument {
  readonly version: 1;
  readonly tables: TableEntry[];
}

/**
 * The local catalog: one JSON document in the lake listing every table, its location and columns.
 * It is replaced atomically and updated last in a run, so readers see a whole run or none of it.
 */
export class JsonCatalog implements Catalog {
  constructor(private readonly store: ObjectStore) {}

  async list(): Promise<TableEntry[]> {
    const bytes = await this.store.get(CATALOG_KEY);
    if (!bytes) return [];
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as CatalogDocument;
    return doc.tables;
  }

  async upsert(entries: readonly TableEntry[]): Promise<void> {
    const byName = new Map((await this.list()).map((t) => [`${t.layer}.${t.name}`, t]));
    for (const entry of entries) byName.set(`${entry.layer}.${entry.name}`, entry);
    const tables = [...byName.values()].sort((a, b) =>
      `${a.layer}.${a.name}`.localeCompare(`${b.layer}.${b.name}`),
    );
    const doc: CatalogDocument = { version: 1, tables };
    await this.store.put(CATALOG_KEY, JSON.stringify(doc, null, 2) + '\n');
  }
}
