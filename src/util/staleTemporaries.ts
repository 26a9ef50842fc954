import { readdir, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Removes the temporary files a killed writer left beside `file`: write-file-atomic writes `<name>.<digits>` and
 * renames it over `<name>`, so a process killed between the two leaves the temporary file behind.
 */
export async function removeStaleTemporaries(file: string): Promise<void> {
  const base = path.basename(file);
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(`${base}.`) && /^\d+$/.test(n.slice(base.length + 1)));
  await Promise.all(stale.map((n) => unlink(path.join(path.dirname(file), n)).catch(() => undefined)));
}
