import { createRequire } from "node:module";
import type matterType from "gray-matter";
import type * as YAMLType from "yaml";
import type * as ZodType from "zod";
import type { ArticleMeta } from "./types.ts";

const PUBLISHED = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

// The parsers and their validator are loaded the first time a file is parsed, not when this module is: a warm start
// reads no article file (their front matter comes from the startup cache), and gray-matter and yaml cost it a tenth
// of a second of CPU to load, zod (95 modules) as much again. Loaded synchronously because an article's text is
// read synchronously; a running bot loads them ahead (preloadParsers), one package per turn, so that its first new
// article does not stop answers while they load.
const load = createRequire(import.meta.url);
type Parsers = { matter: typeof matterType; engines: matterType.GrayMatterOption<string, object>["engines"]; metaSchema: ReturnType<typeof schemaOf> };
let parsers: Parsers | undefined;

function schemaOf({ z }: typeof ZodType) {
  return z.object({
    title: z.string().trim().min(1, "title is empty"),
    outlet: z.string().trim().min(1, "outlet is empty"),
    published: z
      .string()
      .regex(PUBLISHED, 'published must be "YYYY", "YYYY-MM" or "YYYY-MM-DD"'),
    url: z.url().optional(),
    author: z.string().trim().min(1).optional(),
  });
}

function parsersOf(YAML: typeof YAMLType, matter: typeof matterType, zod: typeof ZodType): Parsers {
  return {
    matter,
    // The YAML engine is the maintained `yaml` package (gray-matter's bundled js-yaml 3 is unmaintained); alias
    // expansion is capped so a hostile file cannot balloon in memory.
    engines: { yaml: { parse: (src: string) => YAML.parse(src, { maxAliasCount: 100 }) as object } },
    metaSchema: schemaOf(zod),
  };
}

function loadParsers(): Parsers {
  parsers ??= parsersOf(load("yaml") as typeof YAMLType, load("gray-matter") as typeof matterType, load("zod") as typeof ZodType);
  return parsers;
}

/** Loads the parsers without holding the event loop for long: one package per turn (each a few tens of ms). */
export async function preloadParsers(): Promise<void> {
  if (parsers) return;
  const YAML = await import("yaml");
  const matter = (await import("gray-matter")).default;
  const zod = await import("zod");
  parsers ??= parsersOf(YAML, matter, zod);
}

export class FrontMatterError extends Error {}

// Real front matter is a few hundred bytes. YAML parsing of a huge mapping is quadratic (the duplicate-key check:
// 40,000 keys took 40 s), so a file that is small enough to load can still not be allowed a huge header.
const MAX_FRONT_MATTER = 64 * 1024;

export interface ParsedArticleFile {
  meta: ArticleMeta;
  body: string;
}

/** Splits a file into validated front matter and the body exactly as written after it. */
export function parseArticleFile(source: string): ParsedArticleFile {
  if (!/^---\r?\n/.test(source)) throw new FrontMatterError("no front matter (the file must start with ---)");
  const close = source.indexOf("\n---", 3);
  if ((close < 0 ? source.length : close) > MAX_FRONT_MATTER) throw new FrontMatterError("front matter larger than 64 KB");
  const { matter, engines, metaSchema } = loadParsers();
  let parsed: matterType.GrayMatterFile<string>;
  try {
    // An empty options object would make gray-matter cache by content; pass engines to get a fresh parse.
    parsed = matter(source, { engines });
  } catch (err) {
    throw new FrontMatterError(`invalid YAML front matter: ${(err as Error).message.split("\n")[0]}`);
  }
  const data = normaliseDates(parsed.data);
  const result = metaSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") || "front matter";
    throw new FrontMatterError(`${where}: ${issue?.message ?? "invalid"}`);
  }
  const meta: ArticleMeta = { title: result.data.title, outlet: result.data.outlet, published: result.data.published };
  if (result.data.url) meta.url = result.data.url;
  if (result.data.author) meta.author = result.data.author;
  return { meta, body: parsed.content.replace(/^\r?\n/, "") };
}

// YAML turns an unquoted 2025-02-07 into a Date or 2025 into a number; accept both as the string a person meant.
function normaliseDates(data: Record<string, unknown>): Record<string, unknown> {
  const published = data.published;
  if (published instanceof Date && !Number.isNaN(published.getTime()))
    return { ...data, published: published.toISOString().slice(0, 10) };
  if (typeof published === "number") return { ...data, published: String(published) };
  return data;
}
