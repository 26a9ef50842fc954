// Kills tests/e2e/writeHammer.ts (SIGKILL) at random moments while it rewrites the state files, then loads each
// file the way the bot does at startup. Used by tests/e2e/atomicWrites.test.ts and tests/stress/.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { DigestRotation } from "../../src/digest/rotation.ts";
import { StateStore } from "../../src/ingest/state.ts";
import { ROOT } from "../support/files.ts";
import { START_TIMEOUT_MS, tempDataDir } from "./harness.ts";

const FILES = ["announcements.json", "digest.json", "feeds-state.json"];

export interface KillReport {
  problems: string[];
  /** Kills that left a temporary file behind: they landed in the middle of a write. */
  midWrite: number;
}

/** One kill: the hammer runs `ms` after it started writing, then is killed; every file must load. */
export async function killOnce(ms: number, dataDir = tempDataDir()): Promise<KillReport> {
  // A file there before this kill, or one the hammer said it wrote, must load after it: none may go missing.
  const written = new Set(FILES.filter((name) => existsSync(path.join(dataDir, name))));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/e2e/writeHammer.ts"), dataDir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  // "close": once its output is read to the end too (the lines it wrote before the kill).
  const exit = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const problems: string[] = [];
  const until = Date.now() + START_TIMEOUT_MS;
  while (!out.includes("writing") && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, ms));
  child.kill("SIGKILL");
  await exit;
  if (err.trim()) problems.push(`the hammer failed: ${err.trim().slice(0, 500)}`);
  const temporaries = readdirSync(dataDir).filter((f) => FILES.some((name) => f.startsWith(`${name}.`)));
  for (const name of FILES) {
    const file = path.join(dataDir, name);
    try {
      JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      // Missing is fine for a file the hammer had not finished writing once when it was killed (a slow start).
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || written.has(name) || out.includes(`wrote ${name}\n`)) problems.push(`${name} after ${ms} ms: ${(e as Error).message}`);
    }
  }
  const record = await AnnouncementRecord.open(path.join(dataDir, "announcements.json"));
  if (record.corrupt) problems.push(`announcements.json after ${ms} ms: moved aside as corrupt`);
  await DigestRotation.open(path.join(dataDir, "digest.json"));
  const feeds = StateStore.inDataDir(dataDir);
  await feeds.load((problem) => problems.push(problem));
  return { problems, midWrite: temporaries.length > 0 ? 1 : 0 };
}
