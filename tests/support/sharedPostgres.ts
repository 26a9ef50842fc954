// Global setup of every test run: the run's shared PostgreSQL server (tests/support/postgres.ts sharedPostgres), which
// the first test file to need one starts, is stopped when the run ends. Listed after runTempDir.ts, so that it is
// stopped (and its folder removed) before that file's teardown checks that the run left nothing behind.
import { stopSharedPostgres } from "./postgres.ts";

export default function setup(): () => Promise<void> {
  return stopSharedPostgres;
}
