import path from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

// Pinned so date parsing and formatting behave the same on every machine.
process.env.TZ = 'UTC';
process.env.LANG = 'C.UTF-8';
// Google clients probe a metadata server off loopback unless told not to.
process.env.METADATA_SERVER_DETECTION = 'none';

/**
 * The vitest project config every Nx project shares: lib sources are resolved through the
 * `@matriz/source` export condition, so tests never need a build step.
 * When `MATRIZ_REPORT_DIR` is set (CI), a JSON report is written there for the test summary.
 */
export function defineProject(overrides: NonNullable<ViteUserConfig['test']> = {}) {
  const reportDir = process.env['MATRIZ_REPORT_DIR'];
  const name = path.basename(process.cwd());
  return defineConfig({
    resolve: { conditions: ['@matriz/source'] },
    ssr: { resolve: { conditions: ['@matriz/source'] } },
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      passWithNoTests: true,
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: reportDir ? ['default', 'json'] : ['default'],
      ...(reportDir ? { outputFile: { json: path.join(reportDir, `${name}.json`) } } : {}),
      ...overrides,
    },
  });
}
