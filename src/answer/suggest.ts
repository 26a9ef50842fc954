import type { EventTable } from "../kb/eventTable.ts";
import type { KbArticle, KbEvent, KbPerson, KnowledgeBase } from "../kb/types.ts";
import { eachSliced, runAtOnce, sortedSliced, type Sliced } from "../util/slices.ts";
import type { CorpusView } from "./context.ts";
import type { Indexes } from "./indexes.ts";
import type { NameIndex } from "./name-index.ts";
import { nameTokens, tokenMatch } from "./names.ts";
import { clip, contentTokens, fold, tokenize } from "./text.ts";
import { matchingPlaces, titleWordsSliced, type TitleWords } from "./titleWords.ts";
import type { Suggestion, SuggestKind } from "./types.ts";

/** Discord's limits for autocomplete: 25 choices, 100 characters each. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

const choice = (name: string, value: string = name): Suggestion => ({
  name: clip(name, MAX_CHOICE_LENGTH),
  value: clip(value, MAX_CHOICE_LENGTH),
});

/** How well a typed prefix fits a name: whole-name prefix, then a word's prefix, then a near miss. */
function nameFit(prefix: string, typed: string[], folded: string, forms: string[][]): number {
  if (folded.startsWith(prefix)) return 3;
  if (typed.length === 0) return 0;
  const words = forms.flat();
  const fits = typed.map((t) => Math.max(0, ...words.map((w) => tokenMatch(t, w))));
  if (fits.some((f) => f === 0)) return 0;
  return 1 + fits.reduce((a, b) => a + b, 0) / fits.length;
}

// What an empty box offers is the whole corpus sorted: the most mentioned people, the events and the articles newest
// first. Each is sorted once per knowledge base and kept; a live corpus sorts them in slices while it makes a
// snapshot (emptyBoxOrders), so the first empty box after a change does not sort every event or article at once.
const byMentions = (a: KbPerson, b: KbPerson): number => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name);
const newerFirst = (a: string, b: string): number => b.localeCompare(a);

const mostMentioned = new WeakMap<KbPerson[], Suggestion[]>();
/** The events' ids, newest first. */
const newestFirst = new WeakMap<EventTable, Int32Array>();
const titleWords = new WeakMap<KbArticle[], TitleWords>();

/**
 * The first MAX_CHOICES people of a stable sort by byMentions, kept as the people go by (a binary search among those
 * kept, after the equal ones): sorting every person was some 60 ms of a PostgreSQL shard's start at 50,000 articles.
 */
function* mostMentionedSliced(people: KbPerson[]): Sliced<Suggestion[]> {
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
  return best.map((p) => choice(p.name));
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

// Each date's place among the corpus's dates, newest first (equal where newerFirst finds them equal): the events a
// typed word finds are sorted by a number, not by comparing their dates' strings (localeCompare is slow).
interface DateRanks {
  byDate: Map<string, number>;
  /** Each event's date's rank, by event id. */
  ofEvent: Int32Array;
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
  return { byDate, ofEvent, recent };
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

/** The events of these ids, made as they are read. */
function* eventsOf(events: EventTable, ids: Iterable<number>): Iterable<KbEvent> {
  for (const id of ids) yield events.at(id) as KbEvent;
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

/**
 * The events' ids newest first, and each event's date's rank (0 the newest, equal for dates localeCompare finds
 * equal), kept per event table: /timeline reads events in date order through them instead of sorting them again.
 */
export function eventDateOrder(events: EventTable): { newestFirst: Int32Array; rank: Int32Array } {
  return { newestFirst: kept(newestFirst, events, eventsNewestFirstSliced), rank: kept(dateRanks, events, dateRanksSliced).ofEvent };
}

function people(view: CorpusView, names: NameIndex, prefix: string): Suggestion[] {
  if (!prefix) return kept(mostMentioned, view.kb.people, mostMentionedSliced);
  const typed = nameTokens(prefix);
  // Only people with a name token the typed words could match are worth ranking.
  const ranked = names
    .candidates(typed)
    .map((i) => ({ p: view.kb.people[i] as KbPerson, fit: nameFit(prefix, typed, names.folded[i] ?? "", names.forms[i] ?? []) }))
    .filter((r) => r.fit > 0)
    .sort((a, b) => b.fit - a.fit || byMentions(a.p, b.p));
  return ranked.slice(0, MAX_CHOICES).map((r) => choice(r.p.name));
}

// The last word may still be being typed, so it matches as a prefix, but only from three letters: a one- or
// two-letter prefix expands to thousands of index terms on a large corpus, at every keystroke.
const MIN_PREFIX = 3;

/**
 * Events whose sentence holds every typed word, newest first: looked up in the events index, never scanned. A word
 * in thousands of events (a letter or two typed) fills the box from its newest: those are searched first (the newest
 * sixteenth of all events, then the newest quarter), and the others only when they are too few (the same choices either way, as equal scores are ordered by position).
 */
function events(view: CorpusView, indexes: Indexes, prefix: string): Suggestion[] {
  const typed = tokenize(prefix);
  const last = typed.length - 1;
  const ranks = kept(dateRanks, view.kb.events, dateRanksSliced);
  const newest = (within = Infinity): KbEvent[] =>
    indexes.events
      .search(typed.join(" "), {
        fields: ["text"],
        combineWith: "AND",
        fuzzy: false,
        prefix: (term, i) => i === last && term.length >= MIN_PREFIX,
        ...(within < Infinity && { boostDocument: (id) => ((ranks.ofEvent[id as number] ?? Infinity) <= within ? 1 : 0) }),
      })
      .map((h) => ({ e: view.kb.events.at(h.id as number) as KbEvent, rank: ranks.ofEvent[h.id as number] ?? 0 }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ e }) => e);
  if (typed.length === 0) return choices(view, eventsOf(view.kb.events, kept(newestFirst, view.kb.events, eventsNewestFirstSliced)), typed);
  for (const within of ranks.recent) {
    const recent = choices(view, newest(within), typed);
    if (recent.length === MAX_CHOICES) return recent;
  }
  return choices(view, newest(), typed);
}

/** The first events of distinct sentences, as choices. */
function choices(view: CorpusView, events: Iterable<KbEvent>, typed: string[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const e of events) {
    const key = `${e.article}#${e.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = around(view.sentence(e), typed);
    out.push({ name: clip(`${e.date} · ${shown}`, MAX_CHOICE_LENGTH), value: eventQuery(shown) });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
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

/** Articles whose title has a word starting with each typed word, newest first. */
function articles(view: CorpusView, prefix: string): Suggestion[] {
  if (!titleWords.has(view.kb.articles)) orderComing.get(view.kb.articles)?.();
  const titles = kept(titleWords, view.kb.articles, articlesNewestFirstSliced);
  const out: Suggestion[] = [];
  for (const place of matchingPlaces(titles, tokenize(prefix))) {
    const a = titles.articles[place] as KbArticle;
    out.push(choice(a.title, a.id));
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/** Query options are short (64 characters): the value of an event choice is its content words, enough to find it. */
export const MAX_EVENT_VALUE = 60;

/** The sentence from a few words before the first typed word, so a choice shows why it matched. */
function around(sentence: string, typed: string[]): string {
  const first = typed[0];
  if (!first) return sentence;
  const words = sentence.split(" ");
  const at = words.findIndex((w) => fold(w).replace(/^\W+/, "").startsWith(first));
  return at > 3 ? `…${words.slice(at - 2).join(" ")}` : sentence;
}

function eventQuery(sentence: string): string {
  const words = contentTokens(sentence);
  let out = "";
  for (const w of words) {
    if (out.length + w.length + 1 > MAX_EVENT_VALUE) break;
    out = out ? `${out} ${w}` : w;
  }
  return out;
}

/** Autocomplete candidates: at most 25, each at most 100 characters; an empty prefix gives the most mentioned. */
export function suggest(view: CorpusView, indexes: Indexes, kind: SuggestKind, prefix: string): Suggestion[] {
  const typed = fold(prefix.trim()).slice(0, 100);
  if (kind === "person") return people(view, indexes.names, typed);
  if (kind === "event") return events(view, indexes, typed);
  return articles(view, typed);
}
