// Whether DATA_DIR can be written, asked once at startup. A full disk, a read-only mount or a file in the way must
// not stop the bot answering: it then keeps its state in memory (reading whatever state is already there) and says
// so in one warning, instead of failing on the first state file it writes.
import { randomBytes } from "node:crypto";
import { mkdir, unlink } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";

/** Why DATA_DIR cannot be written (an error code such as ENOSPC), or undefined when it can. */
export async function dataDirProblem(dataDir: string): Promise<string | undefined> {
  const probe = path.join(dataDir, `.write-test-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(dataDir, { recursive: true });
    // As the state files are written: a temporary file, fsynced, renamed. A full disk fails here.
    await writeFileAtomic(probe, "newsdesk: can DATA_DIR be written?\n", { fsync: true });
    await unlink(probe);
    return undefined;
  } catch (err) {
    await unlink(probe).catch(() => undefined);
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

/** The one warning for a DATA_DIR that cannot be written. */
export function memoryOnlyWarning(dataDir: string, problem: string): string {
  return (
    `DATA_DIR ${path.resolve(dataDir)} cannot be written (${problem}): answering from memory. The caches, the quote-of-the-day ` +
    "round and the feed state are not saved until it can be written and the bot restarts; announcements wait until it can be written"
  );
}
