// A DATA_DIR that can be made unwritable and fixed again while a test runs: a regular file in place of its parent
// (ENOTDIR, even for root, who ignores permission bits).
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./files.ts";

export function unwritableDataDir(prefix: string, name: string) {
  const root = tempDir(prefix);
  const dir = path.join(root, "parent");
  const aside = path.join(root, "parent-aside");
  return {
    file: path.join(dir, "data", name),
    block: () => {
      try {
        renameSync(dir, aside);
      } catch {
        // not made yet
      }
      writeFileSync(dir, "");
    },
    fix: () => {
      rmSync(dir);
      try {
        renameSync(aside, dir);
      } catch {
        mkdirSync(dir);
      }
    },
  };
}
