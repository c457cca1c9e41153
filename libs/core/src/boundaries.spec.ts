// The module-boundary rule is real: ESLint, with the workspace config, rejects the imports the
// design forbids. Runs ESLint's own API on snippets placed (virtually) in each project.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('module boundaries', () => {
  it.each([
    ['libs/core/src/x.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
    ['libs/core/src/x.ts', "import { Storage } from '@google-cloud/storage';"],
    ['libs/core/src/x.ts', "import * as pulumi from '@pulumi/pulumi';"],
    ['libs/core/src/x.ts', "import { FsObjectStore } from '@matriz/runtime-local';"],
    ['libs/core/src/x.ts', "import { runPipeline } from '@matriz/pipeline';"],
    ['libs/core/src/x.ts', "import fs from 'node:fs';"],
    ['libs/pipeline/src/x.ts', "import { FsObjectStore } from '@matriz/runtime-local';"],
    ['libs/pipeline/src/x.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
    ['libs/runtime-aws/src/x.ts', "import { GcsObjectStore } from '@matriz/runtime-gcp';"],
    ['libs/runtime-gcp/src/x.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
    ['apps/aws-handlers/src/x.ts', "import { commands } from '@matriz/cli';"],
  ])('%s may not say %s', async (file, source) => {
    expect(await restricted(file, source)).toHaveLength(1);
  });

  it.each([
    ['libs/pipeline/src/x.ts', "import { getDataset } from '@matriz/core';"],
    ['libs/runtime-aws/src/x.ts', "import { runPipeline } from '@matriz/pipeline';"],
    ['apps/cli/src/x.ts', "import { openLocalLake } from '@matriz/runtime-local';"],
    ['infra-aws/src/x.ts', "import { listDatasets } from '@matriz/core';"],
  ])('%s may say %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});
