// `npm run test:stress`: the slow tests under tests/stress/ (repeated crashes and kills, a lost gateway session),
// kept out of `npm test` (vitest.config.ts excludes them); CI runs both.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/stress/**/*.test.ts"],
    testTimeout: 150_000,
    // A bot start may take up to a minute on a loaded machine (tests/e2e/harness.ts START_TIMEOUT_MS).
    hookTimeout: 90_000,
    // The run's own TMPDIR, which must be empty when the run ends (tests/support/runTempDir.ts); the PostgreSQL server
    // the database tests share, stopped when the run ends (tests/support/sharedPostgres.ts); the compiled sources
    // that worker threads run (tests/support/compiledTree.ts); the caches of the seed corpus, built once per run for the
    // bots under test (tests/e2e/harness.ts).
    globalSetup: ["tests/support/runTempDir.ts", "tests/support/sharedPostgres.ts", "tests/support/compiledTree.ts", "tests/support/seedCaches.ts"],
    // Removes each test file's temporary folders once it is done (tests/support/cleanup.ts).
    setupFiles: ["tests/support/cleanup.ts"],
  },
});
