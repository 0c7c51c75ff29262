// ESLint for the UI, the isolation hook and the end-to-end tests; `npm run lint` runs it with zero
// warnings allowed, and `make lint` runs it with clippy, rustfmt and the type-check.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/", "src/bindings/", "**/node_modules/", "target/", ".tools/", "src-tauri/"],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { version: _, ...rest } = record` is how a field is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"], jsxA11y.flatConfigs.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // jsx-a11y's recommended options, plus keyboard shortcuts that a container handles for the
      // focusable controls inside it (Ctrl+Enter in a form, Escape in the edit panel, arrow keys
      // between the rows of the task list): the key events bubble up from a control that has focus.
      "jsx-a11y/no-noninteractive-element-interactions": [
        "error",
        {
          ...jsxA11y.flatConfigs.recommended.rules["jsx-a11y/no-noninteractive-element-interactions"][1],
          form: ["onKeyDown"],
          aside: ["onKeyDown"],
          ul: ["onKeyDown"],
        },
      ],
    },
  },
  {
    // Test doubles reproduce what Tauri's IPC rejects with: plain `{code, message}` objects and
    // strings, never Error instances.
    files: ["src/test/**/*.{ts,tsx}", "src/**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/prefer-promise-reject-errors": "off",
    },
  },
  {
    // Served as-is in Tauri's sandboxed isolation iframe: a classic browser script.
    files: ["isolation/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  {
    files: ["e2e/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
);
