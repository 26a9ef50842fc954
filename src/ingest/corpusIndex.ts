// What the corpus already holds, by story key. Files added or edited by hand count as much as ingested ones: a
// file with a `url` in its front matter, or the same title, means the story is there. The folder is re-read before
// each feed pass, but a file is only parsed again when its size or modification time changed.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArticleFile } from "../corpus/frontMatter.ts";
import { titleKey, urlKey } from "./storyKeys.ts";

interface Entry {
  size: number;
  mtimeMs: number;
  keys: string[];
}

/** A story key: "url:<canonical url>" or "title:<normalised title>". */
export const storyKeys = (story: { urls?: (string | undefined)[]; title?: string | undefined }): string[] => {
  const keys = new Set<string>();
  for (const u of story.urls ?? []) {
    const k = u ? urlKey(u) : undefined;
    if (k) keys.add(`url:${k}`);
  }
  const t = story.title ? titleKey(story.title) : undefined;
  if (t) keys.add(`title:${t}`);
  return [...keys];
};

export class CorpusIndex {
  private readonly files = new Map<string, Entry>();
  private readonly owners = new Map<string, string>();

  constructor(readonly dir: string) {}

  /** Re-reads the folder; a missing folder is an empty corpus (the first ingested article creates it). */
  async refresh(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => /\.md$/i.test(n) && !n.startsWith("."));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      names = [];
    }
    const present = new Set(names);
    for (const name of [...this.files.keys()]) if (!present.has(name)) this.files.delete(name);
    for (const name of names) {
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const known = this.files.get(name);
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) continue;
      this.files.set(name, { size: info.size, mtimeMs: info.mtimeMs, keys: await keysOf(file) });
    }
    this.owners.clear();
    for (const [name, entry] of this.files) for (const key of entry.keys) if (!this.owners.has(key)) this.owners.set(key, name);
  }

  /** The corpus file name already holding one of `keys`, if any. */
  find(keys: readonly string[]): string | undefined {
    for (const key of keys) {
      const owner = this.owners.get(key);
      if (owner) return owner;
    }
    return undefined;
  }

  /** Records a file just written, so the next item sees it before the next refresh. */
  add(file: string, keys: readonly string[]): void {
    const name = path.basename(file);
    this.files.set(name, { size: -1, mtimeMs: -1, keys: [...keys] });
    for (const key of keys) if (!this.owners.has(key)) this.owners.set(key, name);
  }
}

async function keysOf(file: string): Promise<string[]> {
  try {
    const { meta } = parseArticleFile(await readFile(file, "utf8"));
    return storyKeys({ urls: [meta.url], title: meta.title });
  } catch {
    // A file the loader would reject is not an article; it cannot hold a story either.
    return [];
  }
}
