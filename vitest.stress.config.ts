// `npm run test:stress`: the slow tests under tests/stress/ (repeated crashes and kills, a lost gateway session),
// kept out of `npm test` (vitest.config.ts excludes them); CI runs both.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/stress/**/*.test.ts"],
    testTimeout: 150_000,
    hookTimeout: 30_000,
  },
});
