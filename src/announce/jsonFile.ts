// Small JSON state files under DATA_DIR, written atomically: write-file-atomic writes a temporary file, fsyncs it
// and renames it over the old one, so a crash leaves either the old state or the new one, never half a file.
// Writes to one file are chained, so the last state asked for is the one that lands. A process killed mid-write
// (SIGKILL, power loss) can leave write-file-atomic's temporary file (`<name>.<digits>`): it is removed at the next read.
import { mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { removeStaleTemporaries } from "../util/staleTemporaries.ts";

export class JsonFile<T> {
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** The stored value; undefined when there is no file yet. A file that is not JSON is moved aside and reported. */
  async read(): Promise<{ value?: T; corrupt?: string }> {
    await removeStaleTemporaries(this.file);
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw err;
    }
    try {
      return { value: JSON.parse(text) as T };
    } catch {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await rename(this.file, aside);
      return { corrupt: aside };
    }
  }

  /** Writes `value` (serialised now, so later changes to it do not leak into this write). */
  write(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 1)}\n`;
    const next = this.chain.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, text, { fsync: true });
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write asked for so far has landed (or failed): what a shutdown waits for. */
  flush(): Promise<void> {
    return this.chain;
  }
}
