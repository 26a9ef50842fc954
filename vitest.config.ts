import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The slow tests (tests/stress/) run with `npm run test:stress` (vitest.stress.config.ts), after `npm test` in CI.
    exclude: [...configDefaults.exclude, "tests/stress/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
