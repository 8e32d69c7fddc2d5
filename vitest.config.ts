import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One source of truth for import aliases: tsconfig.base.json.
const { compilerOptions } = JSON.parse(readFileSync(resolve(__dirname, 'tsconfig.base.json'), 'utf8'));
const alias = Object.entries(compilerOptions.paths as Record<string, string[]>).map(([find, [target]]) => ({
  find,
  replacement: resolve(__dirname, target),
}));

export default defineConfig({
  // NestJS resolves constructor dependencies from decorator metadata, which esbuild does not emit; SWC does.
  plugins: [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })],
  resolve: { alias },
  test: {
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'tools/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['tools/testing/postgres-global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
