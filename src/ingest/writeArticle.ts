// Writes a new corpus file. The live corpus watcher may read the folder at any moment, so a file must appear
// whole or not at all: the text goes to a hidden temporary file (the loader ignores dot-files) and is then
// hard-linked to its final name. link() fails if the name exists, which makes "pick a free slug" atomic too: a
// hand-made file or one written by a concurrent `npm run ingest` is never overwritten.
import { randomBytes } from "node:crypto";
import { link, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import type { ArticleMeta } from "../corpus/types.ts";
import { slugCandidates, slugify } from "./slug.ts";

/** The file text: YAML front matter (every string double-quoted, no line folding), then the paragraphs. */
export function renderArticle(meta: ArticleMeta, text: string): string {
  const front: Record<string, string> = { title: meta.title, outlet: meta.outlet, published: meta.published };
  if (meta.url) front.url = meta.url;
  if (meta.author) front.author = meta.author;
  const yaml = YAML.stringify(front, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  return `---\n${yaml}---\n${text.trim()}\n`;
}

/** Writes `content` as `<dir>/<slug of title>.md` (or `-2`, `-3`… when taken) and returns the path written. */
export async function writeNewArticle(dir: string, title: string, content: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const slug = slugify(title);
  const temp = path.join(dir, `.${slug}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "wx");
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    for (const candidate of slugCandidates(slug)) {
      const file = path.join(dir, `${candidate}.md`);
      if (await claim(temp, file)) return file;
    }
    throw new Error(`no free file name for "${slug}" in ${dir}`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function claim(temp: string, file: string): Promise<boolean> {
  try {
    await link(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw err;
  }
  // A file system without hard links: check, then rename (atomic for readers; only the check can race).
  if (await stat(file).then(() => true, () => false)) return false;
  await rename(temp, file);
  return true;
}
