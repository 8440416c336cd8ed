import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'custom-elements.json', 'test/fixtures/**/*.js', '.wtr-profile/', '.scratch/'] },
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The architecture line: components are Matrix-free. State comes down as
    // properties, requests go up as events; only widgets/ talks to Matrix.
    files: ['components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['matrix-widget-api', 'matrix-widget-api/*', 'matrix-js-sdk', 'matrix-js-sdk/*'], message: 'components/ never imports Matrix code; put it in widgets/.' },
            { group: ['**/widgets/**', '../widgets', '../../widgets'], message: 'components/ never imports widgets/; bindings in widgets/ connect rooms to components.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'host-tools/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
