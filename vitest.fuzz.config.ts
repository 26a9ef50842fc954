// `npm run test:fuzz`: the tests with every fast-check property searched for longer, under new seeds each run
// (tests/support/fuzzCheck.ts, put in place of fast-check here); `npm test` keeps each test's own run count.
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default mergeConfig(
  base,
  defineConfig({
    resolve: { alias: [{ find: /^fast-check$/, replacement: fileURLToPath(new URL("./tests/support/fuzzCheck.ts", import.meta.url)) }] },
    // A property runs for FUZZ_SECONDS, then shrinks what it found: more than the 20 s a test has in `npm test`.
    test: { testTimeout: 900_000 },
  }),
);
