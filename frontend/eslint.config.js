import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import { withVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default withVueTs(
  {
    name: 'zoolens/files-to-lint',
    files: ['**/*.{ts,mts,tsx,vue}'],
  },
  {
    name: 'zoolens/ignores',
    ignores: ['dist/**', 'coverage/**', 'screenshots/**', 'node_modules/**'],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    name: 'zoolens/rules',
    rules: {
      'vue/multi-word-component-names': 'error',
      'vue/component-name-in-template-casing': ['error', 'PascalCase'],
      'vue/require-explicit-emits': 'error',
      'vue/no-static-inline-styles': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    name: 'zoolens/views',
    files: ['src/views/**/*.vue', 'src/App.vue'],
    rules: { 'vue/multi-word-component-names': 'off' },
  },
  {
    name: 'zoolens/node-scripts',
    files: ['e2e/**/*.mjs', 'build/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'zoolens/service-worker',
    files: ['build/service-worker.js'],
    languageOptions: { globals: globals.serviceworker },
  },
)
