import type { KnowledgeBase } from "../kb/types.ts";

/** A small deterministic PRNG, so every run asks the same questions. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSES = ["zeppelin harbour", "quantum llama", "Xavier Quibblesworth", "purple tractor festival", "Zorblax"];

function typo(word: string, rnd: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  return word.slice(0, i) + word.slice(i + 1);
}

function phrase(text: string, rnd: () => number, words = 3): string {
  const all = text.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w));
  if (all.length <= words) return all.join(" ");
  const at = Math.floor(rnd() * (all.length - words));
  return all.slice(at, at + words).join(" ");
}

export interface QuerySet {
  who: string[];
  when: string[];
  quote: string[];
  search: string[];
  suggest: string[];
}

/** `count` varied queries per command: names, partial and misspelt names, phrases, and misses. */
export function benchQueries(kb: KnowledgeBase, count: number, seed = 7): QuerySet {
  const rnd = random(seed);
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const articleById = new Map(kb.articles.map((a) => [a.id, a]));
  const sentenceOf = (ref: { article: string; sentence: number }) =>
    articleById.get(ref.article)?.sentences[ref.sentence]?.text ?? "";
  const set: QuerySet = { who: [], when: [], quote: [], search: [], suggest: [] };
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    const person = pick(kb.people);
    const name = person?.name ?? "Nobody";
    const surname = name.split(" ").at(-1) ?? name;
    set.who.push([name, surname.toLowerCase(), typo(name, rnd), surname.slice(0, 4), pick(MISSES) as string][kind] as string);
    const event = kb.events.at(Math.floor(rnd() * kb.events.length));
    set.when.push(kind === 4 || !event ? (pick(MISSES) as string) : phrase(sentenceOf(event), rnd, 3 + (kind % 2)));
    const quote = pick(kb.quotes);
    set.quote.push(kind === 4 || !quote ? (pick(MISSES) as string) : kind === 0 ? name : phrase(quote.text, rnd, 4));
    const mention = person?.mentions[0];
    set.search.push(kind === 4 || !mention ? (pick(MISSES) as string) : phrase(sentenceOf(mention), rnd, 2));
    set.suggest.push(kind === 4 ? "" : name.slice(0, 1 + (i % 6)));
  }
  return set;
}

/**
 * `count` /timeline subjects: none (the whole corpus), a person's full name, their surname, and a topic (two words of
 * an event's sentence). Its own random sequence: benchQueries's questions stay those earlier runs asked.
 */
export function timelineQueries(kb: KnowledgeBase, count: number, seed = 11): string[] {
  const rnd = random(seed);
  const articleById = new Map(kb.articles.map((a) => [a.id, a]));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = kb.people[Math.floor(rnd() * kb.people.length)]?.name ?? "Nobody";
    const event = kb.events.at(Math.floor(rnd() * kb.events.length));
    const topic = event ? phrase(articleById.get(event.article)?.sentences[event.sentence]?.text ?? "", rnd, 2) : "";
    out.push(["", name, name.split(" ").at(-1) ?? name, topic][i % 4] as string);
  }
  return out;
}
