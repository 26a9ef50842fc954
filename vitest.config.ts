import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/** The tests that start the bot or a command-line script in a process of its own. */
const PROCESSES = ["tests/e2e/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/ingest/cli.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Worker threads start faster than forked processes, and cost less CPU.
    pool: "threads",
    // Two test files at a time at least. vitest's default (one fewer than the cores) is one on a two-core machine,
    // which leaves a core idle while an e2e test waits on the bot it started (a timer, a retry window, a reply).
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    // The run's own TMPDIR, which must be empty when the run ends (tests/support/runTempDir.ts); the PostgreSQL server
    // the database tests share, stopped when the run ends (tests/support/sharedPostgres.ts); the compiled sources
    // that worker threads run (tests/support/compiledTree.ts).
    globalSetup: ["tests/support/runTempDir.ts", "tests/support/sharedPostgres.ts", "tests/support/compiledTree.ts"],
    // Removes each test file's temporary folders once it is done (tests/support/cleanup.ts).
    setupFiles: ["tests/support/cleanup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          // The slow tests (tests/stress/) run with `npm run test:stress` (vitest.stress.config.ts), after `npm test` in CI.
          exclude: [...configDefaults.exclude, ...PROCESSES, "tests/stress/**"],
          // These tests share no state through modules (no module mocks, fake timers restored, spies restored), so a
          // worker runs file after file without loading the pipeline's modules again for each: 60 % less CPU.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: PROCESSES,
          // Each test starts one or more processes, which may take up to a minute each on a loaded machine
          // (tests/e2e/harness.ts START_TIMEOUT_MS); what must be fast is asserted in the tests themselves.
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Isolated (the default): tests/e2e/harness.ts registers, per file, the hook that kills what a test left running.
          // The caches of the seed corpus, built once per run for the bots under test (tests/e2e/harness.ts).
          globalSetup: ["tests/support/seedCaches.ts"],
        },
      },
    ],
  },
});
