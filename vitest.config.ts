import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the CLI tests spawn the built binary instead.
    alias: {
      '@sfn-lint/core': here('./packages/core/src/index.ts'),
      '@sfn-lint/rules': here('./rules/index.ts'),
      '@sfn-lint/eslint-plugin': here('./packages/eslint-plugin/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'rules/**/*.test.ts', 'tests/**/*.test.ts', 'extension/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
