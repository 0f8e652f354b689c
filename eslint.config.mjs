// Lint rules that keep the layers honest: src/common and src/webview never import `vscode` at run
// time (type-only imports are allowed), src/common never reaches into the host or the webview,
// the protocol (bundled into the webview) imports nothing at run time but the leaf guards, and the
// webview shares nothing with the host but the protocol.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodeAtRunTime = {
  name: 'vscode',
  allowTypeImports: true,
  message: 'Pure code must not import vscode at run time; put the adapter in src/host.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Small files and functions: a reader can hold one in their head, and a god object cannot grow.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeAtRunTime],
        patterns: [{ group: ['**/host/**', '**/webview/**'], message: 'src/common depends on nothing above it.' }],
      }],
    },
  },
  {
    // The protocol is bundled into the webview, so what it imports at run time ships to the browser:
    // only the leaf guards, and types from the API client.
    files: ['src/common/protocol/**/*.ts'],
    rules: {
      // One pattern list: typescript-eslint skips every pattern for a type import once any pattern
      // with `allowTypeImports` matches it, so "types only" is said through `paths` instead.
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeAtRunTime, { name: '../anthropic/types', allowTypeImports: true, message: 'Only types from the API client: the protocol is bundled into the webview.' }],
        patterns: [
          { group: ['**/host/**', '**/webview/**'], message: 'src/common depends on nothing above it.' },
          { group: ['../*', '!../guards', '!../anthropic', '../anthropic/*', '!../anthropic/types'], message: 'The protocol imports only ../guards and types from ../anthropic/types (it is bundled into the webview).' },
        ],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeAtRunTime],
        patterns: [
          { group: ['**/host/**'], message: 'The webview shares nothing with the host but the protocol types.' },
          { group: ['**/common/**', '!**/common/protocol', '!**/common/guards'], message: 'The webview may import from src/common only the protocol (common/protocol, its index) and the leaf common/guards.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
