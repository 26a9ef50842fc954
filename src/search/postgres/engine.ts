// The PostgreSQL engine: the knowledge base is read from the database once (kbStore.ts), the postings stay there.
// For a question, a scope fetches the documents holding its words (GIN indexes over the `terms` tsvectors) and
// the words' counts (kb_term), and builds small MiniSearch indexes over just those documents, told the whole
// corpus's document count and average field lengths: MiniSearch's BM25 then scores each document exactly as it
// would in an index of the whole corpus (every document holding a looked-up term is there, so its document
// frequency is right too). Prefixes and typo tolerance are expanded over the stored vocabulary first.
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from "minisearch";
import type pg from "pg";
import { createCorpusView, type CorpusView } from "../../answer/context.ts";
import { eventDocument, liveIndexes, type Indexes, type Postings } from "../../answer/indexes.ts";
import { positioned, type SearchIndex } from "../../answer/positioned.ts";
import { termCounter } from "../../answer/rareLead.ts";
import { indexOptions, termSetOptions } from "../../answer/search-index.ts";
import { indexTerm, indexTokenize } from "../../answer/text.ts";
import { editDistance } from "../../util/editDistance.ts";
import type { QueryScope, SearchEngine } from "../engine.ts";
import { anyOf, distinctTerms, type ArticleStats } from "./documents.ts";
import { fieldsJS, termSetJS } from "./subsetIndex.ts";
import { loadStoredKnowledge, type StoredKnowledge } from "./kbStore.ts";

type Kind = "sentences" | "events" | "quotes";
const KINDS: Kind[] = ["sentences", "events", "quotes"];
/** kb_term's count column of each index. */
const COUNT = { sentences: 0, events: 1, quotes: 2 } as const;

/** Something an answer looked up: a term's documents, its prefix or typo neighbours in the vocabulary, its counts. */
type Lookup = { kind: Kind; term: string; prefix?: true; distance?: number } | { kind: "counts"; term: string };
const keyOf = (l: Lookup): string => `${l.kind}\u0000${l.term}\u0000${"prefix" in l ? "*" : ""}${"distance" in l ? l.distance : ""}`;

/** Where each stored row stands in the knowledge base's order (the answers' document ids). */
interface Positions {
  sentence: (article: string, index: number) => number | undefined;
  event: (article: string, index: number) => number | undefined;
  quote: (article: string, fragment: boolean, index: number) => number | undefined;
}

export class PostgresEngine implements SearchEngine {
  readonly view: CorpusView;
  private readonly positions: Positions;
  private readonly lengthCache: Int32Array;

  private constructor(
    private readonly pool: pg.Pool,
    readonly stored: StoredKnowledge,
    private readonly base: Indexes,
    view: CorpusView,
  ) {
    this.view = view;
    this.positions = positionsOf(stored, base);
    this.lengthCache = new Int32Array(base.sentenceRefs.length).fill(-1);
  }

  /** Reads the knowledge base from the database: no extraction, no merge, no index over the large collections. */
  static async open(pool: pg.Pool): Promise<PostgresEngine> {
    const stored = await loadStoredKnowledge(pool);
    const view = createCorpusView(stored.kb);
    // The small indexes (names, descriptions) and the position tables; the large ones come per question.
    const base = await liveIndexes(stored.kb, view, { postings: emptyPostings(), events: NONE, quotes: NONE, sentences: NONE, sentenceLengths: [] });
    return new PostgresEngine(pool, stored, base, view);
  }

  async scope(texts: readonly string[]): Promise<QueryScope> {
    const scope = new Scope(this);
    const terms = texts.flatMap((t) => indexTokenize(t).map(indexTerm)).filter((t): t is string => t !== null);
    await scope.load(KINDS.flatMap((kind) => terms.map((term): Lookup => ({ kind, term }))));
    return scope;
  }

  /** Distinct index terms of a sentence, by position (what the sentence index's lengths hold), worked out once. */
  sentenceLength(position: number): number {
    const known = this.lengthCache[position];
    if (known === undefined || known >= 0) return known ?? 0;
    const ref = this.base.sentenceRefs[position];
    const length = ref ? distinctTerms(this.view.sentence(ref)).length : 0;
    this.lengthCache[position] = length;
    return length;
  }

  /** What the scopes need of the engine. */
  get internals(): { pool: pg.Pool; base: Indexes; positions: Positions; stats: ArticleStats } {
    return { pool: this.pool, base: this.base, positions: this.positions, stats: this.stored.stats };
  }
}

class Scope implements QueryScope {
  private readonly done = new Set<string>();
  private readonly missed = new Map<string, Lookup>();
  private readonly docs: Record<Kind, Map<number, object>> = { sentences: new Map(), events: new Map(), quotes: new Map() };
  private readonly counts = new Map<string, [number, number, number]>();
  private built: Indexes | undefined;
  /** Each large index over the documents fetched so far, kept until more are fetched for it. */
  private readonly subsets: Partial<Record<Kind, SearchIndex>> = {};
  /** The terms whose every document is fetched, by index. */
  private readonly fetched: Record<Kind, Set<string>> = { sentences: new Set(), events: new Set(), quotes: new Set() };

  constructor(private readonly engine: PostgresEngine) {}

  get incomplete(): boolean {
    return this.missed.size > 0;
  }

  async complete(): Promise<void> {
    const lookups = [...this.missed.values()];
    this.missed.clear();
    await this.load(lookups);
  }

  get indexes(): Indexes {
    return (this.built ??= this.build());
  }

  /** Fetches the lookups not done yet: vocabulary expansions first, then documents and counts. */
  async load(lookups: Lookup[]): Promise<void> {
    const { pool } = this.engine.internals;
    const pending = lookups.filter((l) => !this.done.has(keyOf(l)));
    if (pending.length === 0) return;
    const exact: Lookup[] = [];
    for (const l of pending) {
      this.done.add(keyOf(l));
      if (l.kind === "counts" || (!("prefix" in l) && !("distance" in l))) exact.push(l);
      else for (const term of await vocabulary(pool, l.term, l.prefix === true, l.distance ?? 0)) exact.push({ kind: l.kind, term });
    }
    const wanted = (kind: Kind) => [...new Set(exact.filter((l) => l.kind === kind && !this.done.has(`${keyOf(l)}#docs`)).map((l) => l.term))];
    await Promise.all([
      ...KINDS.map(async (kind) => {
        const terms = wanted(kind);
        for (const t of terms) this.done.add(`${keyOf({ kind, term: t })}#docs`);
        if (terms.length === 0) return;
        await this.fetchDocs(kind, terms);
        // The index holds the fetched terms' postings: new terms need a new one, even over documents already fetched.
        delete this.subsets[kind];
      }),
      this.fetchCounts([...new Set(exact.map((l) => l.term))].filter((t) => !this.counts.has(t))),
    ]);
    this.built = undefined;
  }

  /** Adds the documents of `kind` holding any of `terms`. */
  private async fetchDocs(kind: Kind, terms: string[]): Promise<void> {
    const { pool, positions } = this.engine.internals;
    const { kb } = this.engine.view;
    const docs = this.docs[kind];
    const query = anyOf(terms);
    for (const t of terms) this.fetched[kind].add(t);
    if (kind === "sentences") {
      // A sentence's terms as stored: the sentence index holds each term once, so they are all its postings need.
      const { rows } = await pool.query<{ article: string; index: number; terms: string[] }>(
        "SELECT article, index, tsvector_to_array(terms) AS terms FROM kb_sentence WHERE terms @@ $1::tsquery",
        [query],
      );
      for (const r of rows) {
        const id = positions.sentence(r.article, r.index);
        if (id !== undefined && !docs.has(id)) docs.set(id, { id, terms: r.terms });
      }
    } else if (kind === "events") {
      const { rows } = await pool.query<{ article: string; index: number }>("SELECT article, index FROM kb_event WHERE terms @@ $1::tsquery", [query]);
      for (const r of rows) {
        const id = positions.event(r.article, r.index);
        const e = id === undefined ? undefined : kb.events[id];
        if (id !== undefined && e && !docs.has(id)) docs.set(id, eventDocument(id, this.engine.view.article(e.article)?.sentences ?? [], e));
      }
    } else {
      const { rows } = await pool.query<{ article: string; fragment: boolean; index: number }>("SELECT article, fragment, index FROM kb_quote WHERE terms @@ $1::tsquery", [query]);
      for (const r of rows) {
        const id = positions.quote(r.article, r.fragment, r.index);
        const q = id === undefined ? undefined : id < kb.quotes.length ? kb.quotes[id] : kb.fragments[id - kb.quotes.length];
        if (id !== undefined && q && !docs.has(id)) docs.set(id, { id, text: q.text });
      }
    }
  }

  private async fetchCounts(terms: string[]): Promise<void> {
    if (terms.length === 0) return;
    const { pool } = this.engine.internals;
    const { rows } = await pool.query<{ term: string; sentences: number; events: number; quotes: number }>(
      "SELECT term, sentences, events, quotes FROM kb_term WHERE term = ANY($1)",
      [terms],
    );
    for (const t of terms) this.counts.set(t, [0, 0, 0]);
    for (const r of rows) this.counts.set(r.term, [r.sentences, r.events, r.quotes]);
  }

  private miss(l: Lookup): void {
    const key = keyOf(l);
    if (!this.done.has(key)) this.missed.set(key, l);
  }

  /** The count of a term in one index, noting it as missing when not fetched. */
  private count(term: string, kind: Kind): number {
    const c = this.counts.get(term);
    if (!c) this.miss({ kind: "counts", term });
    return c?.[COUNT[kind]] ?? 0;
  }

  private build(): Indexes {
    const { base, stats } = this.engine.internals;
    const engine = this.engine;
    const sentenceCounter = this.counter("sentences", stats.sentences);
    const eventCounter = this.counter("events", stats.events);
    const quoteCount = (term: string) => this.count(term, "quotes");
    const lengths = new Proxy({ length: base.sentenceRefs.length } as ArrayLike<number>, {
      get: (target, key) => (typeof key === "string" && /^\d+$/.test(key) ? engine.sentenceLength(Number(key)) : Reflect.get(target, key)),
    });
    return {
      ...base,
      sentences: (this.subsets.sentences ??= this.index("sentences", termSetOptions("text", (t) => t, []), stats.sentences, [stats.sentenceLength])),
      events: (this.subsets.events ??= this.index("events", indexOptions(["text", "context"]), stats.events, [stats.eventText, stats.eventContext])),
      quotes: (this.subsets.quotes ??= this.index("quotes", indexOptions(["text"]), stats.quotes, [stats.quoteLength])),
      sentenceLead: { share: sentenceCounter.share, lengths },
      eventLead: { share: eventCounter.share },
      sentenceIdf: sentenceCounter.idf,
      // As search-index.ts idfWeights over the quotes' document frequencies.
      quoteWeight: (term) => Math.log(1 + stats.quotes / (1 + quoteCount(term))),
    };
  }

  /** share and idf as a term counter of the whole index answers them (rareLead.ts), from the fetched counts. */
  private counter(kind: Kind, documents: number): { share: (word: string) => number; idf: (term: string) => number } {
    const counts = new Map<string, number>();
    for (const [term, c] of this.counts) if (c[COUNT[kind]] > 0) counts.set(term, c[COUNT[kind]]);
    const counter = termCounter((t) => t, { counts: [...counts], documents: Math.max(1, documents) });
    return {
      share: (word) => {
        const t = indexTerm(word);
        if (t !== null) this.count(t, kind);
        return counter.share(word);
      },
      idf: (term) => {
        this.count(term, kind);
        return counter.idf(term);
      },
    };
  }

  /** The fetched documents of one index as MiniSearch over the whole corpus would score them, noting what it lacks. */
  private index(kind: Kind, options: Options, documentCount: number, fieldLengths: number[]): SearchIndex {
    const averageFieldLength = fieldLengths.map((sum) => sum / Math.max(1, documentCount));
    const built =
      kind === "sentences"
        ? termSetJS(this.docs.sentences as Map<number, { terms: string[] }>, this.fetched.sentences)
        : fieldsJS(this.docs[kind] as Map<number, Record<string, string>>, options.fields, this.fetched[kind]);
    const js: AsPlainObject = { ...built, documentCount, averageFieldLength };
    const inner = positioned(MiniSearch.loadJS(js, options));
    const defaults = options.searchOptions ?? {};
    return {
      documentCount,
      search: (query, searchOptions = {}) => {
        if (typeof query !== "string") throw new Error("search (PostgreSQL): only string queries are supported");
        for (const l of lookupsOf(kind, query, { ...defaults, ...searchOptions })) this.miss(l);
        return inner.search(query, searchOptions);
      },
    };
  }
}

/** The lookups a MiniSearch search of `query` makes (its tokenize, processTerm, prefix and fuzzy options). */
function lookupsOf(kind: Kind, query: string, o: SearchOptions): Lookup[] {
  const terms = indexTokenize(query).map(indexTerm).filter((t): t is string => !!t);
  const out: Lookup[] = [];
  terms.forEach((term, i) => {
    out.push({ kind, term });
    const prefix = typeof o.prefix === "function" ? o.prefix(term, i, terms) : o.prefix === true;
    if (prefix) out.push({ kind, term, prefix: true });
    const fuzzy = typeof o.fuzzy === "function" ? o.fuzzy(term, i, terms) : o.fuzzy || false;
    if (fuzzy !== false) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      const distance = f < 1 ? Math.min(o.maxFuzzy ?? 6, Math.round(term.length * f)) : f;
      if (distance > 0) out.push({ kind, term, distance });
    }
  });
  return out;
}

/** The stored terms starting with `term`, or within `distance` edits of it (MiniSearch's Levenshtein distance). */
async function vocabulary(pool: pg.Pool, term: string, prefix: boolean, distance: number): Promise<string[]> {
  if (prefix) {
    const { rows } = await pool.query<{ term: string }>("SELECT term FROM kb_term WHERE term LIKE $1", [`${term.replace(/[\\%_]/g, "\\$&")}%`]);
    return rows.map((r) => r.term);
  }
  const { rows } = await pool.query<{ term: string }>("SELECT term FROM kb_term WHERE length(term) BETWEEN $1 AND $2", [term.length - distance, term.length + distance]);
  return rows.map((r) => r.term).filter((t) => editDistance(term, t, distance) <= distance);
}

function positionsOf(stored: StoredKnowledge, base: Indexes): Positions {
  const { kb } = stored;
  const firstOf = (list: readonly { article: string }[]): Map<string, number> => {
    const first = new Map<string, number>();
    list.forEach((x, i) => first.has(x.article) || first.set(x.article, i));
    return first;
  };
  const [events, quotes, fragments] = [firstOf(kb.events), firstOf(kb.quotes), firstOf(kb.fragments)];
  return {
    sentence: (article, index) => base.sentencePosition({ article, sentence: index }),
    event: (article, index) => at(events, article, index),
    quote: (article, fragment, index) => (fragment ? plus(at(fragments, article, index), kb.quotes.length) : at(quotes, article, index)),
  };
}
const at = (first: Map<string, number>, article: string, index: number): number | undefined => {
  const f = first.get(article);
  return f === undefined ? undefined : f + index;
};
const plus = (n: number | undefined, k: number): number | undefined => (n === undefined ? undefined : n + k);

const NONE = { positions: new Int32Array(0), count: 0 };

/** Postings that hold nothing: the scopes supply the large indexes. */
function emptyPostings(): Postings {
  const counter = termCounter((t) => t, { counts: [], documents: 1 });
  return {
    events: new MiniSearch(indexOptions(["text", "context"])),
    eventTerms: counter,
    quotes: new MiniSearch(indexOptions(["text"])),
    sentences: new MiniSearch(indexOptions(["text"])),
    sentenceTerms: counter,
    sentenceLengths: [],
    quoteFrequencies: { counts: [], documents: 0 },
    loaded: Promise.resolve(),
  };
}
