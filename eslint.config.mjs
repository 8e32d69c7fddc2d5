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
  'type:util': { allow: ['type:util'], pure: true },
  'type:domain': { allow: ['type:domain', 'type:util'], pure: true },
  'type:contracts': { allow: ['type:contracts', 'type:util'], pure: true },
  'type:port-adapter': { allow: ['type:port-adapter', 'type:contracts', 'type:util'] },
  'type:application': { allow: ['type:application', 'type:domain', 'type:port-adapter', 'type:contracts', 'type:util'] },
  'type:testing': { allow: ['type:testing', 'type:port-adapter', 'type:domain', 'type:contracts', 'type:util'] },
  'type:app': { allow: ['type:application', 'type:domain', 'type:port-adapter', 'type:contracts', 'type:util'] },
};

/** Tests may also use the shared test helpers and contract suites, and drive the real adapters. */
function boundaries({ forTests }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
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
