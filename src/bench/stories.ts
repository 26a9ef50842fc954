// `npm run bench:stories`: how well "one post per story" (src/announce/sameStory.ts) tells copies of one story
// from distinct stories, on real news text (../shared/bench-corpus: research use only, read in place, never copied).
// False merges: BBC News (2,225 articles, no dates) and Reuters-21578 (16,935, in the order of the wire, dated by
// their dateline) pass through a StoryWindow as the bot's announcements do: each article is compared with the last
// 500 stories, and one found to be a copy is not added. Every merge is printed, so a person can tell a true copy in
// the data set (both sets hold re-sent and updated wires) from a false merge. Copies found: made from a sample of
// BBC articles as feeds and outlets make them (retitled and re-dated, an outlet's lead and footer added, cut short,
// lightly edited), the share found to be the same story as their original.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { likeness, oneStory, shingles, StoryWindow } from "../announce/sameStory.ts";

interface Doc {
  id: string;
  title: string;
  body: string;
  /** From a Reuters dateline ("NEW YORK, March 19 -"): a day of 1987. */
  day?: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
function datelineDay(body: string): number | undefined {
  const m = /^[^\n]{0,80}?,\s*([A-Z][a-z]+)\.?\s+(\d{1,2})\s+-/.exec(body);
  const month = m ? MONTHS.indexOf((m[1] as string).slice(0, 3).toLowerCase()) : -1;
  return m && month >= 0 ? month * 31 + Number(m[2]) : undefined;
}

const root = path.resolve(process.argv[2] ?? "../shared/bench-corpus");

function readAll(dir: string): Doc[] {
  const out: Doc[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".txt")) {
        const text = readFileSync(p, "latin1").includes("\ufffd") ? readFileSync(p, "latin1") : readFileSync(p, "utf8");
        const [title = "", ...rest] = text.split("\n");
        const body = rest.join("\n").trim();
        const day = datelineDay(body);
        out.push({ id: path.relative(root, p), title: title.trim(), body, ...(day !== undefined && { day }) });
      }
    }
  };
  walk(dir);
  return out;
}

/** The articles the window finds to be copies of an earlier story, with that story. */
function merges(docs: Doc[]): { copy: Doc; of: Doc; resemblance: number; containment: number }[] {
  const window = new StoryWindow();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const found: { copy: Doc; of: Doc; resemblance: number; containment: number }[] = [];
  for (const doc of docs) {
    const set = shingles(doc.body);
    const story = window.find(set, doc.day);
    if (story) found.push({ copy: doc, of: byId.get(story.id) as Doc, resemblance: story.likeness.resemblance, containment: story.likeness.containment });
    else window.add(doc.id, set, doc.day);
  }
  return found;
}

// A seeded generator, so every run makes the same copies.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const paragraphs = (body: string) => body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

function copies(doc: Doc, rnd: () => number, vocabulary: string[]): Record<string, string> {
  const ps = paragraphs(doc.body);
  const edited = doc.body.replace(/\b[\p{L}]{4,}\b/gu, (w) => (rnd() < 0.08 ? (vocabulary[Math.floor(rnd() * vocabulary.length)] ?? w) : w));
  return {
    "retitled and re-dated (same text)": doc.body,
    "an outlet's lead and footer added": [`LONDON (Wire) - ${ps[0] ?? ""}`, ...ps.slice(1), "Follow us for more news. Copyright 2025 Wire Services. All rights reserved. This story was first published by our partners."].join("\n\n"),
    "cut short (first 60% of paragraphs)": ps.slice(0, Math.max(1, Math.ceil(ps.length * 0.6))).join("\n\n"),
    "lightly edited (8% of words changed)": edited,
  };
}

const bbc = readAll(path.join(root, "bbc-news"));
const reuters = readAll(path.join(root, "reuters-21578"));
for (const [name, docs] of [["BBC News", bbc], ["Reuters-21578", reuters]] as const) {
  const started = Date.now();
  const found = merges(docs);
  console.log(`${name}: ${docs.length} articles; ${found.length} found to be copies of an earlier story (${Date.now() - started} ms)`);
  const sameTitle = (f: (typeof found)[number]) => f.copy.title.toLowerCase() === f.of.title.toLowerCase();
  console.log(`  with the same title: ${found.filter(sameTitle).length}; another title (listed):`);
  for (const f of found.filter((x) => !sameTitle(x))) {
    const apart = f.copy.day !== undefined && f.of.day !== undefined ? ` ${Math.abs(f.copy.day - f.of.day)}d apart` : "";
    console.log(`  r=${f.resemblance.toFixed(2)} c=${f.containment.toFixed(2)}${apart}  ${f.copy.id} "${f.copy.title.slice(0, 55)}"  ~  ${f.of.id} "${f.of.title.slice(0, 55)}"`);
  }
}

const rnd = random(17);
const vocabulary = [...new Set(bbc.flatMap((d) => d.body.match(/\b[\p{L}]{4,}\b/gu) ?? []))];
const sample = Array.from({ length: 300 }, () => bbc[Math.floor(rnd() * bbc.length)] as Doc);
const recall = new Map<string, number>();
for (const doc of sample) {
  const original = shingles(doc.body);
  for (const [kind, text] of Object.entries(copies(doc, rnd, vocabulary))) recall.set(kind, (recall.get(kind) ?? 0) + (oneStory(likeness(original, shingles(text))) ? 1 : 0));
}
console.log(`\ncopies of ${sample.length} BBC articles found to be the same story:`);
for (const [kind, n] of recall) console.log(`  ${kind}: ${n}/${sample.length}`);
