// Lint for every project. Module boundaries are derived from the tags in each project.json:
// the constraints below say which scopes and types a project may import, and which third-party
// packages are forbidden per scope (the core stays free of any cloud SDK, Pulumi and runtime).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = path.dirname(new URL(import.meta.url).pathname);
const projectDirs = ['apps', 'libs', 'tools']
  .flatMap((d) =>
    fs.existsSync(path.join(root, d))
      ? fs.readdirSync(path.join(root, d)).map((n) => `${d}/${n}`)
      : [],
  )
  .concat(['infra-aws', 'infra-gcp'])
  .filter((d) => fs.existsSync(path.join(root, d, 'project.json')));

const projects = projectDirs.map((dir) => {
  const project = JSON.parse(fs.readFileSync(path.join(root, dir, 'project.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
  return { dir, pkg: pkg.name, tags: project.tags ?? [] };
});

const tagOf = (p, kind) => p.tags.find((t) => t.startsWith(`${kind}:`));

/** Which scopes a scope may depend on. */
const scopeAllows = {
  'scope:core': [],
  'scope:shared': ['scope:core', 'scope:shared'],
  'scope:local': ['scope:core', 'scope:shared', 'scope:local'],
  'scope:aws': ['scope:core', 'scope:shared', 'scope:aws', 'scope:local'],
  'scope:gcp': ['scope:core', 'scope:shared', 'scope:gcp', 'scope:local'],
};
/** Which project types a type may depend on (apps never import apps). */
const typeAllows = {
  'type:lib': ['type:lib'],
  'type:app': ['type:lib', 'type:tool'],
  'type:infra': ['type:lib'],
  'type:tool': ['type:lib', 'type:tool'],
};
const cloudPackages = [
  '@aws-sdk/*',
  '@smithy/*',
  'aws-lambda',
  '@google-cloud/*',
  'googleapis',
  '@pulumi/*',
];
/** Third-party packages forbidden per scope. */
const scopeForbidsPackages = {
  'scope:core': [
    ...cloudPackages,
    '@duckdb/*',
    'node:fs',
    'node:fs/promises',
    'node:http',
    'node:https',
    'node:net',
    'node:child_process',
    'fs',
    'http',
    'https',
  ],
  'scope:shared': cloudPackages,
  'scope:local': cloudPackages,
  'scope:aws': ['@google-cloud/*', 'googleapis', '@pulumi/gcp'],
  'scope:gcp': ['@aws-sdk/*', '@smithy/*', '@pulumi/aws'],
};

function boundaryConfig(p) {
  const scope = tagOf(p, 'scope');
  const type = tagOf(p, 'type');
  const forbiddenProjects = projects.filter((o) => {
    if (o.pkg === p.pkg) return false;
    const scopeOk = (scopeAllows[scope] ?? []).includes(tagOf(o, 'scope'));
    const typeOk = (typeAllows[type] ?? []).includes(tagOf(o, 'type'));
    // A runtime adapter library never imports another runtime's library.
    const otherRuntime =
      type === 'type:lib' && o.dir.startsWith('libs/runtime-') && p.dir !== o.dir;
    return !scopeOk || !typeOk || otherRuntime;
  });
  const groups = [
    ...forbiddenProjects.map((o) => ({
      group: [o.pkg, `${o.pkg}/*`],
      message: `${p.pkg} (${p.tags.join(', ')}) may not import ${o.pkg} (${o.tags.join(', ')}).`,
    })),
    ...(scopeForbidsPackages[scope] ?? []).map((pattern) => ({
      group: [pattern],
      message: `${scope} code must stay free of \`${pattern}\`; put it behind a port in a runtime library.`,
    })),
  ];
  const relativeEscape = {
    group: ['../../*', '!../../src/*'],
    message: 'Import other projects by package name, not by relative path.',
  };
  return {
    files: [`${p.dir}/src/**/*.ts`],
    ignores: scope === 'scope:core' ? [`${p.dir}/src/**/*.spec.ts`] : [],
    rules: { 'no-restricted-imports': ['error', { patterns: [...groups, relativeEscape] }] },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      'lake/**',
      '**/fixtures/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  // Apps and tools talk to people; libraries stay silent.
  {
    files: ['apps/**/*.ts', 'tools/**/*.ts', 'infra-*/**/*.ts', '**/*.spec.ts', '**/test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  ...projects.map(boundaryConfig),
);
