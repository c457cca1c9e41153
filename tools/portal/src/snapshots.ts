import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PORTAL_PACKAGES, type PortalPackage } from './catalogue.ts';

/** One bundled (or dropped-in) CSV file of a package, for one data date. */
export interface PortalSnapshot {
  /** CKAN package name. */
  readonly package: string;
  /** The snapshot's data date, `yyyy-mm-dd` (the folder name). */
  readonly dataDate: string;
  /** Name the file is served under (the package's real file name). */
  readonly fileName: string;
  /** Absolute path of the file on disk (may carry another name, e.g. `*.sample74.csv`). */
  readonly path: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/** A package's data dictionary (PDF) found beside its snapshot folders. */
export interface PortalDictionary {
  readonly package: string;
  readonly fileName: string;
  readonly path: string;
  readonly bytes: number;
}

const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/**
 * The CSV served for a package in one data-date folder: the file with the real name, else a file
 * whose name starts with the real name's stem (the SIGA folder of 2026-10-01 holds
 * `siga-empreendimentos-geracao.sample74.csv`, served as `siga-empreendimentos-geracao.csv`).
 */
function pickCsv(files: readonly string[], fileName: string): string | undefined {
  const stem = fileName.replace(/\.csv$/i, '').toLowerCase();
  return (
    files.find((f) => f.toLowerCase() === fileName.toLowerCase()) ??
    files.find((f) => f.toLowerCase().startsWith(`${stem}.`) && f.toLowerCase().endsWith('.csv'))
  );
}

/**
 * Every (package, data date) snapshot under the given data directories, sorted by package and
 * date. When two directories hold the same package and date, the later directory wins (so an
 * `extraDirs` entry can replace a bundled file).
 */
export async function scanSnapshots(dirs: readonly string[]): Promise<PortalSnapshot[]> {
  const found = new Map<string, PortalSnapshot>();
  for (const dir of dirs) {
    for (const pkg of PORTAL_PACKAGES) {
      for (const folder of pkg.folders) {
        for (const date of await listDir(path.join(dir, folder))) {
          if (!DATE_FOLDER.test(date)) continue;
          const dateDir = path.join(dir, folder, date);
          const file = pickCsv(await listDir(dateDir), pkg.fileName);
          if (!file) continue;
          const filePath = path.join(dateDir, file);
          const info = await stat(filePath);
          found.set(`${pkg.name}\0${date}`, {
            package: pkg.name,
            dataDate: date,
            fileName: pkg.fileName,
            path: filePath,
            bytes: info.size,
          });
        }
      }
    }
  }
  return [...found.values()].sort(
    (a, b) => a.package.localeCompare(b.package) || a.dataDate.localeCompare(b.dataDate),
  );
}

/** The latest snapshot of a package whose date is <= `asOf` (`yyyy-mm-dd`; undefined = latest). */
export function currentSnapshot(
  snapshots: readonly PortalSnapshot[],
  pkg: string,
  asOf: string | undefined,
): PortalSnapshot | undefined {
  return snapshots
    .filter((s) => s.package === pkg && (asOf === undefined || s.dataDate <= asOf))
    .at(-1);
}

/** The first PDF dictionary found for a package in the given directories. */
export async function findDictionary(
  dirs: readonly string[],
  pkg: PortalPackage,
): Promise<PortalDictionary | undefined> {
  for (const dir of dirs) {
    for (const folder of pkg.folders) {
      const pdf = (await listDir(path.join(dir, folder))).find((f) =>
        f.toLowerCase().endsWith('.pdf'),
      );
      if (pdf) {
        const filePath = path.join(dir, folder, pdf);
        return {
          package: pkg.name,
          fileName: pdf,
          path: filePath,
          bytes: (await stat(filePath)).size,
        };
      }
    }
  }
  return undefined;
}
