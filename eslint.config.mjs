// ESLint for the site's scripts (themes/*/static) and the node tests (tests/js): only rules
// that catch bugs or the project's style (let/const, no var). Run: npx eslint (in .ci/run).
import globals from 'globals';

export default [
  { ignores: ['target/**', 'public/**', 'node_modules/**', 'tests/fixtures/**'] },
  {
    files: ['themes/**/*.js', 'src/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: { ...globals.browser, module: 'readonly' },
    },
  },
  {
    files: ['tests/js/**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
  {
    files: ['themes/**/*.js', 'src/**/*.js', 'tests/js/**/*.mjs'],
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-redeclare': 'error',
      'no-shadow-restricted-names': 'error',
      'no-dupe-keys': 'error',
      'no-unreachable': 'error',
      'eqeqeq': ['error', 'always', { null: 'ignore' }],
    },
  },
];
