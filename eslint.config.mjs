// typescript-eslint's recommended rules over our TypeScript; formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'action/dist/', 'out/', '.cache/', 'node_modules/', 'test/fixtures/', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // protocol.ts declares each custom request as a namespace (method + type), as vscode-languageserver does.
      '@typescript-eslint/no-namespace': 'off',
    },
  },
);
