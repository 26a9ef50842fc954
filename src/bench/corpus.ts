import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { random } from "./queries.ts";

/**
 * Default location of the real news text used for scale tests (research use only: never copied into corpus/): one
 * folder per collection (BBC News, Reuters-21578), each a folder per category of `.txt` files, headline first.
 */
export const DEFAULT_BENCH_SOURCE = path.resolve("../shared/bench-corpus");

interface Seed {
  title: string;
  paragraphs: string[];
  outlet: string;
  /** The collection's years: its articles get dates within them. */
  years: [number, number];
}

// Latin-1 fallback: one file in the BBC set has a stray 0xA3 byte.
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** What we know of each collection; another folder counts as a collection of recent news. */
const COLLECTIONS: Record<string, { outlet: string; years: [number, number] }> = {
  "bbc-news": { outlet: "BBC News", years: [2004, 2005] },
  "reuters-21578": { outlet: "Reuters", years: [1987, 1987] },
};

/** The articles of one collection: a folder of category folders of `.txt` files (headline, blank line, paragraphs). */
function readCollection(dir: string): Seed[] {
  const known = COLLECTIONS[path.basename(dir)] ?? { outlet: path.basename(dir), years: [2020, 2024] as [number, number] };
  const seeds: Seed[] = [];
  for (const category of folders(dir)) {
    for (const file of readdirSync(path.join(dir, category)).filter((f) => f.endsWith(".txt")).sort()) {
      const [title = "", ...rest] = decode(readFileSync(path.join(dir, category, file))).split("\n");
      const paragraphs = rest.join("\n").split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      if (title.trim() && paragraphs.length) seeds.push({ title: title.trim(), paragraphs, ...known });
    }
  }
  return seeds;
}

/**
 * Every article of `source`: a collection folder, or a folder of collections (read in name order). Collections are
 * interleaved in proportion (a deterministic shuffle), so that any first N articles mix them.
 */
function readSeeds(source: string): Seed[] {
  const holdsText = (dir: string): boolean => folders(dir).some((c) => readdirSync(path.join(dir, c)).some((f) => f.endsWith(".txt")));
  const collections = holdsText(source) ? [source] : folders(source).map((c) => path.join(source, c)).filter(holdsText);
  const seeds = collections.flatMap(readCollection);
  const rnd = random(20261204);
  const keyed = seeds.map((seed) => ({ seed, key: rnd() }));
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.seed);
}

// Without the real text, a generator writes news-shaped articles: names, quotes, dates, filler.
function generatedSeeds(count: number): Seed[] {
  const first = ["Ana", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas"];
  const last = ["Alvarez", "Brooks", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen"];
  const months = ["January", "March", "May", "July", "September", "November"];
  return Array.from({ length: count }, (_, i) => {
    const name = `${first[i % 10]} ${last[(i * 7) % 10]}`;
    const other = `${first[(i + 3) % 10]} ${last[(i * 3 + 1) % 10]}`;
    return {
      title: `Report ${i}: ${name} on the ${months[i % 6]} decision`,
      outlet: "Generated News",
      years: [2000, 2024] as [number, number],
      paragraphs: [
        `${name}, chief executive of Example Works ${i % 50}, announced the plan on ${months[i % 6]} ${1 + (i % 28)}, ${2000 + (i % 25)}.`,
        `"We expect the change to pay off within a year," ${name.split(" ")[1]} said.`,
        `Analyst ${other} said the market had been waiting since ${1990 + (i % 30)}. The project budget grew by ${i % 90} percent.`,
      ],
    };
  });
}

const SENTENCE_END = /(?<=[.!?]["')]?)\s+(?=["'(]?\p{Lu})/u;
const SWAPPABLE = /^\p{Ll}{5,}$/u;

/**
 * A copy of a paragraph whose every sentence differs from the original: in each sentence one word of five letters
 * or more is replaced by a word of the collections' vocabulary (chosen by round, article and sentence), so that
 * repeated articles add distinct sentences and a growing vocabulary, as more news would.
 */
function vary(paragraph: string, rnd: () => number, vocabulary: string[]): string {
  return paragraph
    .split(SENTENCE_END)
    .map((sentence) => {
      const words = sentence.split(" ");
      const swappable = words.flatMap((w, i) => (SWAPPABLE.test(w) ? [i] : []));
      if (swappable.length === 0 || vocabulary.length === 0) return `${sentence} ${vocabulary[Math.floor(rnd() * vocabulary.length)] ?? "again"}`;
      words[swappable[Math.floor(rnd() * swappable.length)] as number] = vocabulary[Math.floor(rnd() * vocabulary.length)] as string;
      return words.join(" ");
    })
    .join(" ");
}

export interface WrittenCorpus {
  /** Bytes of article text written. */
  bytes: number;
  real: boolean;
  /** Articles written as they are in the collections (the rest are varied copies). */
  distinctArticles: number;
}

/**
 * Writes `count` article files to `dir`: every article of the collections once as it is, then varied copies (see
 * `vary`) with their paragraphs rotated and a new date, so every file and nearly every sentence is distinct.
 */
export function writeBenchCorpus(dir: string, count: number, source = DEFAULT_BENCH_SOURCE): WrittenCorpus {
  mkdirSync(dir, { recursive: true });
  const real = existsSync(source) && statSync(source).isDirectory();
  const seeds = real ? readSeeds(source) : generatedSeeds(Math.min(count, 2000));
  let vocabulary: string[] | undefined;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length] as Seed;
    const round = Math.floor(i / seeds.length);
    let paragraphs = seed.paragraphs;
    if (round > 0) {
      vocabulary ??= [...new Set(seeds.flatMap((s) => s.paragraphs.join(" ").split(/\s+/)).filter((w) => SWAPPABLE.test(w)))].sort();
      const rnd = random(round * 1_000_003 + (i % seeds.length));
      const shift = round % paragraphs.length;
      paragraphs = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].map((p) => vary(p, rnd, vocabulary as string[]));
    }
    const body = paragraphs.join("\n\n") + "\n";
    const [from, to] = seed.years;
    const year = from + ((i + round) % (to - from + 1));
    const published = `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const title = round ? `${seed.title} (${round + 1})` : seed.title;
    const front = `---\ntitle: ${JSON.stringify(title)}\noutlet: ${JSON.stringify(`${seed.outlet} (bench)`)}\npublished: "${published}"\n---\n`;
    writeFileSync(path.join(dir, `a${String(i).padStart(6, "0")}.md`), front + body);
    bytes += Buffer.byteLength(body);
  }
  return { bytes, real, distinctArticles: Math.min(count, seeds.length) };
}
