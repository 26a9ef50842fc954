// The knowledge base of a live corpus, updated article by article, always equal to what buildKnowledgeBase
// (build.ts) makes of the same articles. Articles, quotes and events are per article: an update replaces those of
// the articles that changed and keeps the others' objects. People are merged across the whole corpus, and one new
// article can change how others' people merge (a fuller name, a second "Smith"), so the merge runs again over
// every article's people (PeopleMerge, in the live corpus's worker thread: some 0.2 s at 10,000 articles, the people
// of groups that did not change taken from the merge before); what comes back names only what changed, so the main
// thread's work stays proportional to the change.
import { createHash } from "node:crypto";
import type { ArticleFacts, LocalPerson } from "../extract/types.ts";
import { citeDescription, kbEvents, kbFragments, kbQuotes } from "./build.ts";
import { MergeMemo } from "./mergeMemo.ts";
import { mergePeople } from "./mergePeople.ts";
import { EventTable, EventTableBuilder } from "./eventTable.ts";
import type { KbArticle, KbEvent, KbPerson, KbQuote, KnowledgeBase } from "./types.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";

/**
 * What the people merge needs of one article: its people, and the speaker of each of its quotes, then of each of its
 * quoted fragments, as it wrote them.
 */
export interface ArticlePeople {
  article: string;
  people: LocalPerson[];
  speakers: (string | null)[];
}

export const articlePeople = (f: ArticleFacts): ArticlePeople => ({
  article: f.article,
  people: f.people,
  speakers: [...f.quotes, ...f.fragments].map((q) => q.speaker),
});

/** The merged people after an update, against the merge before it. */
export interface PeopleDelta {
  /** How many people the previous merge had (the knowledge base the delta applies to must have as many). */
  previousCount: number;
  /** The people in order: a number is the index of a person unchanged since the previous merge. */
  people: (number | KbPerson)[];
  /**
   * The corpus-wide name of each quote's speaker, then of each fragment's, for every article that is new or whose
   * speakers' names changed.
   */
  speakers: [article: string, speakers: (string | null)[]][];
}

/** Every article's people, merged again after each update. */
export class PeopleMerge {
  private readonly byArticle = new Map<string, ArticlePeople>();
  private order: string[] = [];
  /** The last merge's people by key (personKey), each at its position. */
  private previous = new Map<string, number>();
  private previousCount = 0;
  /** Each article's speakers as the last merge named them (AS_WRITTEN: as the article wrote them, most often). */
  private previousSpeakers = new Map<string, readonly (string | null)[]>();
  /** The people of the last merge, reused by the next where their groups did not change. */
  private readonly memo = new MergeMemo();
  /** Each person's key, made once per person object (a reused person keeps it). */
  private readonly keys = new WeakMap<KbPerson, string>();

  /** Knows these articles' people, without merging yet (the next update merges). */
  set(entries: readonly ArticlePeople[]): void {
    for (const entry of entries) this.byArticle.set(entry.article, entry);
  }

  /**
   * Sets the articles (in corpus order) with the people of those new or changed and without those removed, merges,
   * and says what changed. The first call (with every article) gives every person as new.
   */
  update(order: readonly string[], upserts: readonly ArticlePeople[], removed: readonly string[] = []): PeopleDelta {
    for (const id of removed) this.byArticle.delete(id);
    for (const entry of upserts) this.byArticle.set(entry.article, entry);
    const missing = order.find((id) => !this.byArticle.has(id));
    if (missing !== undefined) throw new Error(`people merge: no people known for article "${missing}"`);
    this.order = [...order];
    const entries = this.order.map((id) => this.byArticle.get(id) as ArticlePeople);
    const merged = mergePeople(entries, this.memo);
    const keys = merged.people.map((p) => {
      let key = this.keys.get(p);
      if (key === undefined) this.keys.set(p, (key = personKey(p)));
      return key;
    });
    const people = merged.people.map((p, i) => this.previous.get(keys[i] as string) ?? p);
    const fresh = new Set(upserts.map((u) => u.article));
    const speakers: PeopleDelta["speakers"] = [];
    const nextSpeakers = new Map<string, readonly (string | null)[]>();
    for (const e of entries) {
      const names = e.speakers.map((s) => (s === null ? null : merged.canonical(e.article, s)));
      nextSpeakers.set(e.article, sameNames(e.speakers, names) ? AS_WRITTEN : names);
      // An article not new now was merged before with the same entry: AS_WRITTEN named its speakers as it still writes them.
      const before = this.previousSpeakers.get(e.article);
      if (fresh.has(e.article) || !sameNames(before === AS_WRITTEN ? e.speakers : before, names)) speakers.push([e.article, names]);
    }
    const delta = { previousCount: this.previousCount, people, speakers };
    this.previous = new Map(keys.map((k, i) => [k, i]));
    this.previousCount = keys.length;
    this.previousSpeakers = nextSpeakers;
    return delta;
  }
}

/**
 * The speakers of an article named as it wrote them (kept for most articles instead of an array of their own: 50,000
 * arrays were some 3 MB of the leader's worker thread).
 */
const AS_WRITTEN: readonly (string | null)[] = Object.freeze([]);

/**
 * What tells a merged person from another: a digest of everything it holds. Its JSON alone, kept for each of the last
 * merge's people, was some 7 MB of the leader's worker thread at 50,000 articles; a person's JSON is long (every
 * mention), a digest 44 characters.
 */
function personKey(person: KbPerson): string {
  return createHash("sha256").update(JSON.stringify(person)).digest("base64");
}

function sameNames(a: readonly (string | null)[] | undefined, b: readonly (string | null)[]): boolean {
  return a !== undefined && a.length === b.length && a.every((name, i) => name === b[i]);
}

/**
 * The knowledge base after an update: `articles` in corpus order (unchanged ones the same objects as before),
 * `fresh` the facts of those added or changed, `delta` the people merge's answer. Equal to buildKnowledgeBase over
 * the same articles and facts. Cut into slices (src/util/slices.ts): a live corpus has it made while it answers.
 */
export function* nextKnowledgeBase(
  before: KnowledgeBase,
  articles: KbArticle[],
  fresh: ReadonlyMap<string, ArticleFacts>,
  delta: PeopleDelta,
  /** The events, when made already by nextEvents over the same articles (they need no people). */
  madeEvents?: KnowledgeBase["events"],
  /**
   * Cites a changed person's description (by default at once, from the articles' texts in memory); the leader, whose
   * knowledge base holds no texts, collects them and cites them through its reader (citations.ts) once this is made.
   */
  cite: (person: KbPerson, byId: ReadonlyMap<string, KbArticle>) => void = citeDescription,
): Sliced<KnowledgeBase> {
  if (delta.previousCount !== before.people.length)
    throw new Error(`knowledge base update: the people merge knew ${delta.previousCount} people, the knowledge base holds ${before.people.length}`);
  const byId = new Map<string, KbArticle>();
  yield* eachSliced(articles, (a) => byId.set(a.id, a), 4096);
  const speakers = new Map(delta.speakers);
  const people: KbPerson[] = [];
  yield* eachSliced(delta.people, (p) => {
    const kept = typeof p === "number" ? (before.people[p] as KbPerson) : undefined;
    // A person unchanged keeps the sentence that cites their description, unless an article they appear in changed.
    if (kept && !kept.mentions.some((m) => fresh.has(m.article))) return void people.push(kept);
    const { descriptionSource: _old, ...person } = kept ?? (p as KbPerson);
    cite(person, byId);
    people.push(person);
  });
  const quotes: KbQuote[] = [];
  const fragments: KbQuote[] = [];
  const quotesBefore = yield* rangesByArticle(before.quotes);
  const fragmentsBefore = yield* rangesByArticle(before.fragments);
  yield* eachSliced(articles, (a) => {
    const facts = fresh.get(a.id);
    const names = speakers.get(a.id);
    if (facts) {
      if (!names) throw new Error(`knowledge base update: no speakers for article "${a.id}"`);
      for (const q of kbQuotes(facts, (_q, i) => names[i] ?? null)) quotes.push(q);
      for (const q of kbFragments(facts, (_q, i) => names[facts.quotes.length + i] ?? null)) fragments.push(q);
      return;
    }
    // The article's speakers name its quotes, then its fragments.
    const [qFrom, qTo] = quotesBefore.get(a.id) ?? [0, 0];
    keepQuoted(before.quotes, qFrom, qTo, names, 0, quotes);
    const [fFrom, fTo] = fragmentsBefore.get(a.id) ?? [0, 0];
    keepQuoted(before.fragments, fFrom, fTo, names, qTo - qFrom, fragments);
  });
  const events = madeEvents ?? (yield* nextEvents(before, articles, fresh));
  return { articles, people, quotes, fragments, events };
}

/** The events of the knowledge base after an update (as nextKnowledgeBase makes them): unchanged articles' are kept. */
export function* nextEvents(before: KnowledgeBase, articles: readonly KbArticle[], fresh: ReadonlyMap<string, ArticleFacts>): Sliced<EventTable> {
  const events = new EventTableBuilder();
  const eventsBefore = yield* rangesByArticle(before.events);
  yield* eachSliced(articles, (a) => {
    const facts = fresh.get(a.id);
    if (facts) {
      for (const e of kbEvents(facts)) events.push(e);
      return;
    }
    const [eFrom, eTo] = eventsBefore.get(a.id) ?? [0, 0];
    for (let i = eFrom; i < eTo; i++) events.push(before.events.at(i) as KbEvent);
  });
  return events.done();
}

/** An unchanged article's quotes (or fragments) [from, to) of `list`, with their speakers renamed where `names` says. */
function keepQuoted(list: readonly KbQuote[], from: number, to: number, names: (string | null)[] | undefined, offset: number, out: KbQuote[]): void {
  for (let i = from; i < to; i++) {
    const q = list[i] as KbQuote;
    const speaker = names ? (names[offset + i - from] ?? null) : q.speaker;
    out.push(speaker === q.speaker ? q : { ...q, speaker });
  }
}

/** Where each article's facts lie in a list that holds them article by article. */
function* rangesByArticle(list: readonly { article: string }[] | EventTable): Sliced<Map<string, [number, number]>> {
  const articleAt = list instanceof EventTable ? (i: number) => list.article(i) : (i: number) => (list[i] as { article: string }).article;
  const ranges = new Map<string, [number, number]>();
  for (let i = 0, ranged = 0; i < list.length; ) {
    if (++ranged % 2048 === 0) yield;
    const article = articleAt(i);
    let j = i + 1;
    while (j < list.length && articleAt(j) === article) j++;
    ranges.set(article, [i, j]);
    i = j;
  }
  return ranges;
}
