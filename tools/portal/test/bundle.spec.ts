import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../src/start-portal.ts';

const MANIFEST = path.join(BUNDLED_DATA_DIR, '..', 'aneel.sha256');
const SHARED = '/work/shared/data/aneel';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(path.join(dir, name)).isDirectory()
        ? filesUnder(path.join(dir, name), rel)
        : [rel];
    })
    .sort();
}

/** `aneel.sha256` in `sha256sum` format: `<hex>  <relative path>`. */
const manifest = new Map(
  readFileSync(MANIFEST, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hex = '', file = ''] = line.split(/ {2}/);
      return [file, hex] as const;
    }),
);

describe('bundled ANEEL files', () => {
  it('match the recorded sha256 manifest byte for byte', () => {
    expect(manifest.size).toBe(14);
    for (const [file, hex] of manifest) {
      expect(sha256(path.join(BUNDLED_DATA_DIR, file)), file).toBe(hex);
    }
  });

  it('hold exactly the manifest files plus the attribution README', () => {
    expect(filesUnder(BUNDLED_DATA_DIR)).toEqual([...manifest.keys(), 'README.md'].sort());
  });

  it('carry the ODbL notice and ANEEL attribution', () => {
    const readme = readFileSync(path.join(BUNDLED_DATA_DIR, 'README.md'), 'utf8');
    expect(readme).toContain('Open Database License');
    expect(readme).toContain('Agência Nacional de Energia Elétrica');
    expect(readme).toContain('reconstructed');
    expect(readme).toContain('re-serialised');
  });

  it.skipIf(!existsSync(SHARED))('are identical to the shared data folder', () => {
    const shared = filesUnder(SHARED);
    expect(shared).toEqual([...manifest.keys()].sort());
    for (const file of shared) {
      expect(sha256(path.join(SHARED, file)), file).toBe(sha256(path.join(BUNDLED_DATA_DIR, file)));
    }
  });
});
