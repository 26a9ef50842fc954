// Which feeds to follow, from FEEDS and/or the file named by FEEDS_FILE. Problems are ConfigErrors naming the key
// (and for the file, the file and the entry), so the bot stops at start-up with a line a person can act on.
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { ConfigError } from "../config.ts";

export interface FeedSource {
  url: string;
  /** Lower-cased; empty means every item is kept. */
  keywords: string[];
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const keywordList = z
  .union([z.array(z.string()), z.string()], { error: "keywords must be a list of strings or one comma-separated string" })
  .transform((k) => cleanKeywords(typeof k === "string" ? k.split(",") : k));

const fileEntry = z.strictObject({ url: httpUrl, keywords: keywordList.optional() });

/**
 * FEEDS syntax: entries separated by commas (or new lines); each entry is a feed URL, optionally followed by `|`
 * and comma-separated keywords: `https://a.example/rss|rust,kernel,https://b.example/atom.xml`. A comma-separated
 * part that does not start with http:// or https:// is one more keyword of the entry before it. A comma inside a
 * feed URL must be written %2C.
 */
export function parseFeedsValue(value: string, key = "FEEDS"): FeedSource[] {
  const feeds: FeedSource[] = [];
  for (const part of value.split(/[,\n]/).map((p) => p.trim()).filter(Boolean)) {
    if (/^https?:\/\//i.test(part)) {
      const [url = "", ...keywords] = part.split("|");
      const checked = httpUrl.safeParse(url.trim());
      if (!checked.success) throw new ConfigError(`config: ${key} entry "${url.trim()}" must be an http:// or https:// URL`);
      feeds.push({ url: checked.data, keywords: cleanKeywords(keywords.join("|").split("|")) });
    } else {
      const last = feeds.at(-1);
      if (!last) throw new ConfigError(`config: ${key} must start with a feed URL (http:// or https://), not "${part}"`);
      last.keywords.push(...cleanKeywords([part]));
    }
  }
  return feeds;
}

/** Reads a JSON or YAML list of {url, keywords?}; a bad entry is named by its position and field. */
export function readFeedsFile(file: string): FeedSource[] {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`config: FEEDS_FILE ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser reads both; the extension only picks the error wording.
    data = /\.json$/i.test(file) ? JSON.parse(source) : YAML.parse(source, { maxAliasCount: 100 });
  } catch (err) {
    const kind = /\.json$/i.test(file) ? "JSON" : "YAML";
    throw new ConfigError(`config: FEEDS_FILE ${file} is not valid ${kind}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (!Array.isArray(data)) throw new ConfigError(`config: FEEDS_FILE ${file} must be a list of {url, keywords?} entries`);
  return data.map((entry, i) => {
    const result = fileEntry.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.length ? ` (${issue.path.join(".")})` : "";
      throw new ConfigError(`config: FEEDS_FILE ${file} entry ${i + 1}${field}: ${issue?.message ?? "is invalid"}`);
    }
    return { url: result.data.url, keywords: result.data.keywords ?? [] };
  });
}

/** FEEDS and FEEDS_FILE together, one entry per URL (keywords of a repeated URL are merged). */
export function loadFeedSources(config: { feeds?: string; feedsFile?: string }): FeedSource[] {
  const all = [
    ...(config.feeds ? parseFeedsValue(config.feeds) : []),
    ...(config.feedsFile ? readFeedsFile(path.resolve(config.feedsFile)) : []),
  ];
  const byUrl = new Map<string, FeedSource>();
  for (const feed of all) {
    const seen = byUrl.get(feed.url);
    if (!seen) byUrl.set(feed.url, { url: feed.url, keywords: [...feed.keywords] });
    // An entry without keywords keeps everything, so it wins over a filtered entry for the same feed.
    else if (seen.keywords.length === 0 || feed.keywords.length === 0) seen.keywords = [];
    else seen.keywords = [...new Set([...seen.keywords, ...feed.keywords])];
  }
  return [...byUrl.values()];
}

function cleanKeywords(keywords: string[]): string[] {
  return keywords.map((k) => k.trim().toLowerCase()).filter(Boolean);
}
