import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Layering (ARCHITECTURE.md): domain code knows no framework or infrastructure; adapters implement ports;
// apps compose libraries and never import each other.
const infrastructure = ['@nestjs/*', 'kafkajs', '@eventstore/*', '@kurrent/*', '@prisma/*', 'pg', '@electric-sql/*', 'fastify', '@fastify/*'];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/.nx', 'libs/read-model/src/generated/**'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: infrastructure },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
              bannedExternalImports: infrastructure,
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
              bannedExternalImports: infrastructure,
            },
            { sourceTag: 'type:port-adapter', onlyDependOnLibsWithTags: ['type:port-adapter', 'type:util', 'type:contracts'] },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:application', 'type:domain', 'type:port-adapter', 'type:contracts', 'type:util'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:port-adapter', 'type:domain', 'type:util', 'type:contracts', 'type:testing'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:application', 'type:domain', 'type:port-adapter', 'type:contracts', 'type:util', 'type:testing'],
            },
          ],
        },
      ],
    },
  },
];
