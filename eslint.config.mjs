import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Layering (ARCHITECTURE.md): domain code knows no framework or infrastructure; adapters implement ports;
// apps compose libraries and never import each other.
const infrastructure = [
  '@nestjs/*',
  'kafkajs',
  '@eventstore/*',
  '@kurrent/*',
  '@prisma/*',
  'pg',
  '@electric-sql/*',
  'fastify',
  '@fastify/*',
];

const layers = {
  'type:domain': { allow: ['type:domain'], pure: true },
  'type:contracts': { allow: ['type:contracts'], pure: true },
  'type:port-adapter': { allow: ['type:port-adapter', 'type:domain', 'type:contracts'] },
  'type:application': { allow: ['type:application', 'type:domain', 'type:port-adapter', 'type:contracts'] },
  'type:testing': { allow: ['type:testing', 'type:port-adapter', 'type:domain', 'type:contracts'] },
  'type:app': { allow: ['type:application', 'type:domain', 'type:port-adapter', 'type:contracts'] },
};

const adaptersWithContractSuites = ['database', 'event-store', 'messaging', 'storage', 'pii-vault'];

/** Tests may also use the shared test helpers and contract suites, and drive the real adapters. */
function boundaries({ forTests }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      // An adapter's own tests run the contract suites of libs/testing, which import that adapter.
      ignoredCircularDependencies: forTests ? adaptersWithContractSuites.map((lib) => [lib, 'testing']) : [],
      depConstraints: Object.entries(layers).map(([sourceTag, { allow, pure }]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: forTests ? [...new Set([...allow, 'type:testing', 'type:port-adapter'])] : allow,
        ...(pure && !forTests ? { bannedExternalImports: infrastructure } : {}),
      })),
    },
  ];
}

export default [
  { ignores: ['**/node_modules', '**/dist', '**/.nx', '**/.data', 'libs/read-model/src/generated/**'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries({ forTests: false }),
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries({ forTests: true }),
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
