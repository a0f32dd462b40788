// Lint: type-aware rules from typescript-eslint on the sources, tests and benchmarks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'output/**', '.tmp/**', 'bin/**', 'eslint.config.js', 'test/fixtures/**/*.mjs', 'test/fixtures/vocab/misspelt.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Other packages are used through their public entry points only, never their src/ internals.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^[^./].*/src/', message: "Use the package's public API, not its src/ internals." }] }],
      // Async methods that implement async interfaces (RDF/JS sources, command modules) need no await.
      '@typescript-eslint/require-await': 'off',
      // N3's DataFactory exports free functions; destructuring them is the documented use.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read JSON files and responses whose shape the assertions check; `any` there is the point.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
