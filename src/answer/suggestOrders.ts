// What the autocomplete boxes read in order, made once per knowledge base and kept (suggest.ts answers from them):
// the most mentioned people, the articles newest first with their titles' words, the events newest first and each
// event's date's rank. An empty box offers the first of each; a live corpus makes them in slices while it makes a
// snapshot (emptyBoxOrders), so the first empty box after a change does not sort every event or article at once.
import type { EventTable } from "../kb/eventTable.ts";
import type { KbArticle, KbPerson, KnowledgeBase } from "../kb/types.ts";
import { eachSliced, runAtOnce, sortedSliced, type Sliced } from "../util/slices.ts";
import { titleWordsSliced, type TitleWords } from "./titleWords.ts";

/** Discord's limits for autocomplete: 25 choices, 100 characters each. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

/** The most mentioned first, then by name. */
export const byMentions = (a: KbPerson, b: KbPerson): number => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name);
const newerFirst = (a: string, b: string): number => b.localeCompare(a);

const mostMentioned = new WeakMap<KbPerson[], KbPerson[]>();
/** The events' ids, newest first. */
const newestFirst = new WeakMap<EventTable, Int32Array>();
const titleWords = new WeakMap<KbArticle[], TitleWords>();

/**
 * The first MAX_CHOICES people of a stable sort by byMentions, kept as the people go by (a binary search among those
 * kept, after the equal ones): sorting every person was some 60 ms of a PostgreSQL shard's start at 50,000 articles.
 */
function* mostMentionedSliced(people: KbPerson[]): Sliced<KbPerson[]> {
  const best: KbPerson[] = [];
  yield* eachSliced(people, (p) => {
    if (best.length === MAX_CHOICES && byMentions(p, best[MAX_CHOICES - 1] as KbPerson) >= 0) return;
    let [lo, hi] = [0, best.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byMentions(p, best[mid] as KbPerson) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, p);
    if (best.length > MAX_CHOICES) best.pop();
  }, 4096);
  return best;
}

/**
 * The articles newest first (their published dates by newerFirst, then their titles by localeCompare), with their
 * titles' words (titleWords.ts). The sort compares each article's date's rank among the distinct dates, and the titles
 * where the dates are equal: localeCompare of 50,000 articles' dates was some 0.15 s of an article suggestion's first
 * 0.3 s of CPU after a shard's start (a profile, under load).
 */
function* articlesNewestFirstSliced(articles: KbArticle[]): Sliced<TitleWords> {
  const dates = yield* sortedSliced([...new Set(articles.map((a) => a.published))], newerFirst);
  const rankOf = new Map<string, number>();
  dates.forEach((date, i) => rankOf.set(date, i > 0 && newerFirst(dates[i - 1] as string, date) === 0 ? (rankOf.get(dates[i - 1] as string) as number) : i));
  const rank = Int32Array.from(articles, (a) => rankOf.get(a.published) as number);
  const places = Array.from({ length: articles.length }, (_, i) => i);
  const at = (i: number): KbArticle => articles[i] as KbArticle;
  const sorted = yield* sortedSliced(places, (i, j) => (rank[i] as number) - (rank[j] as number) || at(i).title.localeCompare(at(j).title));
  return yield* titleWordsSliced(sorted.map(at));
}

/**
 * Each date's place among the corpus's dates, newest first (equal where newerFirst finds them equal): the events a
 * typed word finds are sorted by a number, not by comparing their dates' strings (localeCompare is slow).
 */
export interface DateRanks {
  byDate: Map<string, number>;
  /** Each event's date's rank, by event id. */
  ofEvent: Int32Array;
  /** How many ranks there are (each below it). */
  count: number;
  /** The ranks within which the newest sixteenth, then the newest quarter, of the events fall (at least). */
  recent: number[];
}
const dateRanks = new WeakMap<EventTable, DateRanks>();
const RECENT_SHARES = [1 / 16, 1 / 4];

function* dateRanksSliced(events: EventTable): Sliced<DateRanks> {
  const dates = new Set<string>();
  yield* eachIdSliced(events, (id) => void dates.add(events.date(id)));
  const sorted = yield* sortedSliced([...dates], newerFirst);
  const byDate = new Map<string, number>();
  let rank = 0;
  sorted.forEach((date, i) => {
    if (i > 0 && newerFirst(sorted[i - 1] as string, date) !== 0) rank++;
    byDate.set(date, rank);
  });
  const ofEvent = new Int32Array(events.length);
  const counts = new Int32Array(rank + 1);
  yield* eachIdSliced(events, (id) => {
    const r = byDate.get(events.date(id)) ?? 0;
    ofEvent[id] = r;
    counts[r] = (counts[r] as number) + 1;
  });
  const recent = RECENT_SHARES.map((share) => {
    let within = 0;
    for (let seen = counts[0] ?? 0; seen < events.length * share && within < rank; ) seen += counts[++within] as number;
    return within;
  });
  return { byDate, ofEvent, count: rank + 1, recent };
}

/** Each event id, every 4,096 a slice (the events are read by field: no event object is made). */
function* eachIdSliced(events: EventTable, step: (id: number) => void): Sliced<void> {
  for (let id = 0; id < events.length; id++) {
    step(id);
    if ((id + 1) % 4096 === 0) yield;
  }
}

/**
 * The events' ids newest first, as a stable sort of the events by newerFirst of their dates orders them: counted by
 * their dates' ranks (a few thousand), each rank's ids in order (a merge sort of 199,000 ids at 50,000 articles was
 * most of the empty boxes' orders after a PostgreSQL shard's start).
 */
function* eventsNewestFirstSliced(events: EventTable): Sliced<Int32Array> {
  const { ofEvent } = yield* keptSliced(dateRanks, events, dateRanksSliced);
  const starts = new Int32Array(ofEvent.reduce((max, r) => Math.max(max, r + 1), 0) + 1);
  for (const r of ofEvent) starts[r + 1] = (starts[r + 1] as number) + 1;
  for (let r = 1; r < starts.length; r++) starts[r] = (starts[r] as number) + (starts[r - 1] as number);
  yield;
  const ids = new Int32Array(ofEvent.length);
  ofEvent.forEach((r, id) => (ids[(starts[r] as number)++] = id));
  return ids;
}

/** The orders an empty box offers, for this knowledge base, made in slices and kept (see above). */
export function* emptyBoxOrders(kb: KnowledgeBase): Sliced<void> {
  yield* peopleAndArticleOrders(kb);
  yield* eventAndArticleOrders(kb);
}

/**
 * The orders that need no events (the people most mentioned, the articles newest first with their titles' words): an
 * engine that reads its events after it answers (src/search/postgres/engine.ts) makes them while it waits for them.
 */
export function* peopleAndArticleOrders(kb: Pick<KnowledgeBase, "people" | "articles">): Sliced<void> {
  yield* keptSliced(mostMentioned, kb.people, mostMentionedSliced);
  yield* keptSliced(titleWords, kb.articles, articlesNewestFirstSliced);
}

/**
 * The same for the events and the articles alone, which need no people: a live corpus makes them while its worker
 * thread merges the people (src/pipeline/liveUpdate.ts), for the lists its next knowledge base will hold.
 */
export function* eventAndArticleOrders(kb: Pick<KnowledgeBase, "events" | "articles">): Sliced<void> {
  // The cheaper first (an event's typed words need the dates' ranks alone): the events' order sorts every event.
  yield* keptSliced(dateRanks, kb.events, dateRanksSliced);
  yield* keptSliced(titleWords, kb.articles, articlesNewestFirstSliced);
  yield* keptSliced(newestFirst, kb.events, eventsNewestFirstSliced);
}

// The orders being made, per cache and list: a suggestion asked while the after-start slices make one (an engine's
// start, a live snapshot) finishes that work instead of doing it all again beside it.
const making = new WeakMap<object, WeakMap<object, Sliced<unknown>>>();

function* keptSliced<K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => Sliced<V>): Sliced<V> {
  const known = cache.get(key);
  if (known !== undefined) return known;
  let works = making.get(cache);
  if (!works) making.set(cache, (works = new WeakMap()));
  let work = works.get(key) as Sliced<V> | undefined;
  if (!work) works.set(key, (work = make(key)));
  for (;;) {
    const step = work.next();
    if (step.done) {
      // Whoever ran it to its end keeps its value; another driver of the same work then finds it kept.
      if (!cache.has(key)) cache.set(key, step.value);
      works.delete(key);
      return cache.get(key) as V;
    }
    yield;
  }
}

const kept = <K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => Sliced<V>): V => runAtOnce(keptSliced(cache, key, make));

/** The people an empty box offers: the MAX_CHOICES most mentioned, in byMentions' order. */
export const mostMentionedOf = (people: KbPerson[]): KbPerson[] => kept(mostMentioned, people, mostMentionedSliced);

/** Each event's date's rank (0 the newest, equal for dates localeCompare finds equal), kept per event table. */
export const dateRanksOf = (events: EventTable): DateRanks => kept(dateRanks, events, dateRanksSliced);

/**
 * The events' ids newest first, and each event's date's rank, kept per event table: /timeline reads events in date
 * order through them instead of sorting them again.
 */
export function eventDateOrder(events: EventTable): { newestFirst: Int32Array; rank: Int32Array } {
  return { newestFirst: kept(newestFirst, events, eventsNewestFirstSliced), rank: dateRanksOf(events).ofEvent };
}

// The article orders an engine is reading ready-made (src/search/postgres/storedOrders.ts: saved by the writer), by
// the articles they order: an article suggestion asked meanwhile calls `wait`, which throws what that engine's answers
// wait on while the order is being read (and returns once it is: the order is then kept, or made here as before).
const orderComing = new WeakMap<KbArticle[], () => void>();

/** Says that the order of `articles` is being read: an article suggestion calls `wait` before it makes the order. */
export function articleOrderComing(articles: KbArticle[], wait: () => void): void {
  orderComing.set(articles, wait);
}

/**
 * Keeps `titles` as the order of `articles` (the articles newest first with their titles' words, as
 * articleOrderSliced makes it), unless it is kept already.
 */
export function keepArticleOrder(articles: KbArticle[], titles: TitleWords): void {
  if (!titleWords.has(articles)) titleWords.set(articles, titles);
}

/** The articles newest first with their titles' words (made in slices, or as kept): what a writer saves. */
export function articleOrderSliced(articles: KbArticle[]): Sliced<TitleWords> {
  return keptSliced(titleWords, articles, articlesNewestFirstSliced);
}

/** The articles newest first with their titles' words, once an order being read is read (see orderComing). */
export function articleOrderOf(articles: KbArticle[]): TitleWords {
  if (!titleWords.has(articles)) orderComing.get(articles)?.();
  return kept(titleWords, articles, articlesNewestFirstSliced);
}
