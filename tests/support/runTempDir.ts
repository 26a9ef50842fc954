// Global setup of every test run: the run's own temporary folder. TMPDIR points there for the tests and every process
// they start, and when the run ends the folder must be empty: a test that leaves a folder or file behind fails the
// run (it is named, then removed), so the machine's /tmp does not fill up run after run.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const OWNER = "NEWSDESK_TEST_TMPDIR";

export default function setup(): (() => void) | undefined {
  // Once per run, however many projects list this file.
  if (process.env[OWNER]) return undefined;
  const system = os.tmpdir();
  const root = mkdtempSync(path.join(system, "newsdesk-test-run-"));
  // Open as the system's is: the database tests run their server as the `postgres` user when the tests run as root.
  chmodSync(root, 0o1777);
  // tsx's cache of compiled modules (for worker threads) stays where it is between runs: a link, not a leftover.
  const tsxCache = `tsx-${os.userInfo().uid}`;
  mkdirSync(path.join(system, tsxCache), { recursive: true });
  symlinkSync(path.join(system, tsxCache), path.join(root, tsxCache));
  process.env[OWNER] = root;
  process.env.TMPDIR = root;
  return () => {
    process.env.TMPDIR = system;
    delete process.env[OWNER];
    const left = readdirSync(root).filter((name) => name !== tsxCache);
    rmSync(root, { recursive: true, force: true });
    if (left.length === 0) return;
    process.exitCode = 1;
    console.error(`\nThe tests left ${left.length} temporary file(s) behind (removed now): ${left.sort().join(", ")}\n` +
      "Make them with tempDir (tests/support/files.ts), which removes them after the test file.\n");
  };
}
