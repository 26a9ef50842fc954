// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", "dist/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // discord.js's values are required through src/util/discordjs.ts: imported as an ES module, Node 20 lexes the
    // package and all it re-exports first, some 0.12-0.15 s of every bot process's start. Its types may be imported.
    files: ["src/**/*.ts", "commands/**/*.ts"],
    ignores: ["src/util/discordjs.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [{ name: "discord.js", allowTypeImports: true, message: "import discord.js's values from src/util/discordjs.ts (a require: see there)" }] }],
    },
  },
);
