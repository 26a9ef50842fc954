import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Default location of the real news text used for scale tests (research use only: never copied into corpus/). */
export const DEFAULT_BENCH_SOURCE = path.resolve("../shared/bench-corpus/bbc-news");

interface Seed {
  title: string;
  paragraphs: string[];
}

// Latin-1 fallback: one file in the BBC set has a stray 0xA3 byte.
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

function readSeeds(dir: string): Seed[] {
  const seeds: Seed[] = [];
  for (const category of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(path.join(dir, category)).filter((f) => f.endsWith(".txt")).sort()) {
      const [title = "", ...rest] = decode(readFileSync(path.join(dir, category, file))).split("\n");
      const paragraphs = rest.join("\n").split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      if (title.trim() && paragraphs.length) seeds.push({ title: title.trim(), paragraphs });
    }
  }
  return seeds;
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
      paragraphs: [
        `${name}, chief executive of Example Works ${i % 50}, announced the plan on ${months[i % 6]} ${1 + (i % 28)}, ${2000 + (i % 25)}.`,
        `"We expect the change to pay off within a year," ${name.split(" ")[1]} said.`,
        `Analyst ${other} said the market had been waiting since ${1990 + (i % 30)}. The project budget grew by ${i % 90} percent.`,
      ],
    };
  });
}

/**
 * Writes `count` article files to `dir`. Real text is reused with its paragraphs rotated and a new date each
 * round, so every file is distinct while names and phrasing stay those of real news.
 */
export function writeBenchCorpus(dir: string, count: number, source = DEFAULT_BENCH_SOURCE): { bytes: number; real: boolean } {
  mkdirSync(dir, { recursive: true });
  const real = existsSync(source);
  const seeds = real ? readSeeds(source) : generatedSeeds(Math.min(count, 2000));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length] as Seed;
    const round = Math.floor(i / seeds.length);
    const shift = round % seed.paragraphs.length;
    const paragraphs = [...seed.paragraphs.slice(shift), ...seed.paragraphs.slice(0, shift)];
    const body = paragraphs.join("\n\n") + "\n";
    const published = `${2004 + (round % 20)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const front = `---\ntitle: ${JSON.stringify(round ? `${seed.title} (${round + 1})` : seed.title)}\noutlet: "Bench News"\npublished: "${published}"\n---\n`;
    writeFileSync(path.join(dir, `a${String(i).padStart(6, "0")}.md`), front + body);
    bytes += Buffer.byteLength(body);
  }
  return { bytes, real };
}
