// Small JSON state files under DATA_DIR, written atomically: write-file-atomic writes a temporary file, fsyncs it
// and renames it over the old one, so a crash leaves either the old state or the new one, never half a file.
// Writes to one file are chained, so the last state asked for is the one that lands. A process killed mid-write
// (SIGKILL, power loss) can leave write-file-atomic's temporary file (`<name>.<digits>`): it is removed at the next read.
// A file is checked for shape (a zod schema), not only syntax: `{}`, `null`, `[]` or a list where a list is not
// expected is as unusable as half a file, and is moved aside the same way, never half-trusted.
import { mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { z } from "zod";
import { removeStaleTemporaries } from "../util/staleTemporaries.ts";
import type { JsonRead, StateDocument, StateStorage } from "./document.ts";

export interface JsonFileOptions {
  /** Read what is there but never write or move anything (DATA_DIR cannot be written: src/state/dataDir.ts). */
  readOnly?: boolean;
}

export type { JsonRead } from "./document.ts";

export class JsonFile<T> implements StateDocument<T> {
  private chain: Promise<void> = Promise.resolve();
  /** Why the last write failed, until a later one lands (each write holds the whole value, so it carries the failed one's). */
  private failed: Error | undefined;

  constructor(
    readonly file: string,
    private schema: z.ZodType<T>,
    private options: JsonFileOptions = {},
  ) {}

  /** The stored value, checked against the schema. An unusable file is moved aside (unless read-only) and reported. */
  async read(): Promise<JsonRead<T>> {
    if (!this.options.readOnly) await removeStaleTemporaries(this.file);
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a file where a folder of the path should be; no state can be there.
      if (code === "ENOENT" || code === "ENOTDIR") return {};
      // A folder in its place can be moved aside; a file the bot may not read is left for its owner to fix.
      return code === "EISDIR" ? this.setAside("a folder, not a file") : { problem: `cannot be read (${code ?? (err as Error).message})` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.setAside("not valid JSON");
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) return this.setAside(`unexpected shape: ${describeIssue(parsed.error.issues[0])}`);
    return { value: parsed.data };
  }

  /** Writes `value` (serialised now, so later changes to it do not leak into this write). Read-only: does nothing. */
  write(value: T): Promise<void> {
    if (this.options.readOnly) return Promise.resolve();
    const text = `${JSON.stringify(value, null, 1)}\n`;
    const next = this.chain.then(async () => {
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomic(this.file, text, { fsync: true });
        this.failed = undefined;
      } catch (err) {
        this.failed = err as Error;
        throw err;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  get where(): string {
    return this.file;
  }

  /** The error of the last write when it failed: the value in memory (changed in place) is then ahead of the file. */
  get unstored(): Error | undefined {
    return this.failed;
  }

  /** The process is the file's only writer: `current` is the latest value. */
  async change<R>(current: T, change: (latest: T) => R): Promise<{ value: T; result: R }> {
    const result = change(current);
    await this.write(current);
    return { value: current, result };
  }

  /** Nobody else writes the file. */
  changedElsewhere(): Promise<T | undefined> {
    return Promise.resolve(undefined);
  }

  /** Resolves once every write asked for so far has landed (or failed): what a shutdown waits for. */
  flush(): Promise<void> {
    return this.chain;
  }

  private async setAside(problem: string): Promise<JsonRead<T>> {
    if (this.options.readOnly) return { problem };
    const movedTo = `${this.file}.corrupt-${Date.now()}`;
    try {
      await rename(this.file, movedTo);
      return { problem, movedTo };
    } catch (err) {
      return { problem: `${problem}; could not be moved aside (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid";
  const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "the whole file";
  return `${where}: ${issue.message}`;
}

/** The state files of DATA_DIR: `<name>.json` each. */
export function stateFiles(dataDir: string, options: JsonFileOptions = {}): StateStorage {
  return { document: (name, schema) => new JsonFile(path.join(dataDir, `${name}.json`), schema, options) };
}

/** The document `name` of a storage, or of one file when `at` is its path (the stores' own tests and tools pass one). */
export function stateDocument<T>(at: string | StateStorage, name: string, schema: z.ZodType<T>, options: JsonFileOptions = {}): StateDocument<T> {
  return typeof at === "string" ? new JsonFile(at, schema, options) : at.document(name, schema);
}
