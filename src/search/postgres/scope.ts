// One question's view of the PostgreSQL engine: small indexes over the documents fetched for it, grown as the answer
// asks (src/search/engine.ts runs the answer again after each fetch). What it fetches mirrors what the embedded
// indexes read (src/answer/postingLists.ts, rareLead.ts, statements.ts):
//  - a word's counts (kb_term): how common it is, its document frequency in each field for BM25;
//  - every document holding a word, only where the answer walks that word's documents: the rarest word of an AND
//    search, each word of an OR search, the word whose documents a partial match adds as candidates;
//  - for a common word looked up among candidates already found, nothing: the candidates' own text (in memory, with
//    the knowledge base) says whether they hold it.
// So a question of a rare and a common word fetches the rare word's documents only, and scores them with the whole
// corpus's statistics: the answers are the embedded engine's (tests/search/contract.test.ts).
import type { Options, SearchOptions } from "minisearch";
import type pg from "pg";
import type { CorpusView } from "../../answer/context.ts";
import type { Indexes } from "../../answer/indexes.ts";
import { positioned, type SearchIndex } from "../../answer/positioned.ts";
import type { TermDocuments } from "../../answer/postingLists.ts";
import { termCounter } from "../../answer/rareLead.ts";
import { indexOptions, termSetOptions } from "../../answer/search-index.ts";
import { indexTerm, indexTokenize } from "../../answer/text.ts";
import { editDistance } from "../../util/editDistance.ts";
import { NotFetched, type QueryScope } from "../engine.ts";
import { anyOf, COUNT_COLUMNS, type Counts } from "./documents.ts";
import type { PostgresEngine } from "./engine.ts";
import { DocumentSet, readPostings, type Kind } from "./postings.ts";
import { subsetIndex, type SubsetDocument } from "./subsetIndex.ts";

export type { Kind } from "./postings.ts";
export const KINDS: Kind[] = ["sentences", "events", "quotes"];

/** Something an answer needs fetched: a term's counts, its prefix or typo neighbours in the vocabulary, its documents. */
type Lookup =
  | { kind: "counts"; term: string }
  | { kind: Kind; term: string; prefix?: true; distance?: number }
  | { kind: Kind; term: string; every: true }
  | { kind: Kind; term: string; all: string[][] };
const keyOf = (l: Lookup): string =>
  `${l.kind}\u0000${l.term}\u0000${"prefix" in l ? "*" : ""}${"distance" in l ? l.distance : ""}${"every" in l ? "#" : ""}${"all" in l ? "&" : ""}`;
/** The documents holding a word, by field of their index (one set per field). */
export type Holding = DocumentSet[];

/** Per index: its MiniSearch options, the kb_term columns of each field's document frequency and of its share. */
const LAYOUT: Record<Kind, { options: Options; fields: number[]; share: number }> = {
  sentences: { options: termSetOptions("text", (t) => t, []), fields: [0], share: 0 },
  events: { options: indexOptions(["text", "context"]), fields: [4, 5], share: 1 },
  quotes: { options: indexOptions(["text"]), fields: [3], share: 2 },
};
/** kb_term's counts as one array, selected beside a term. */
const COUNTS = `ARRAY[${COUNT_COLUMNS.join(", ")}] AS counts`;

const TABLE: Record<Kind, string> = { sentences: "kb_sentence", events: "kb_event", quotes: "kb_quote" };
/**
 * A word looked up among candidates has its documents' ids fetched (its postings row: about 0.2 µs an id) once that
 * costs less than reading each candidate's terms from its text (some 15 µs each): at once when it is in few
 * documents, otherwise after this many candidates were read for it in one question.
 */
const FETCH_RATHER_THAN_READ = 2000;
const READ_PER_FETCHED = 1000;

export class Scope implements QueryScope {
  private readonly done = new Set<string>();
  private readonly missed = new Map<string, Lookup>();
  /** A lookup was missed in this run: what the answer does after it may be a path it would not take. */
  private guessing = false;
  private readonly counts = new Map<string, Counts>();
  private readonly vocabulary = new Map<string, string[]>();
  /** Per index: the documents read so far (their terms, from memory), and every document of the words walked. */
  private readonly docs: Record<Kind, Map<number, SubsetDocument>> = { sentences: new Map(), events: new Map(), quotes: new Map() };
  private readonly every: Record<Kind, Map<string, Holding>> = { sentences: new Map(), events: new Map(), quotes: new Map() };
  /** The terms each small index holds postings for, and the index over the documents so far (until either grows). */
  private readonly terms: Record<Kind, Set<string>> = { sentences: new Set(), events: new Set(), quotes: new Set() };
  private readonly subsets: Partial<Record<Kind, SearchIndex>> = {};
  /** An AND search's results by its lookup's key: positions of documents holding every group's term. */
  private readonly allOf = new Map<string, number[]>();
  /** Candidates read for a word looked up among them, by kind and word: past a share of its documents, it is fetched. */
  private readonly reads = new Map<string, number>();
  private built: Indexes | undefined;
  /**
   * The sentences' texts read for this question, by position, and those an answer asked for that are not fetched
   * yet: it reads "" for them meanwhile (its result is not used), and they come in one round trip for the next run.
   */
  private readonly texts = new Map<number, string>();
  private readonly missingTexts = new Set<number>();
  readonly view: CorpusView;

  constructor(
    private readonly engine: PostgresEngine,
    private readonly pool: pg.Pool,
  ) {
    const { view } = engine;
    this.view = engine.textsHeld ? view : {
      ...view,
      sentence: (ref) => {
        const position = engine.base.sentencePosition(ref);
        return (position !== undefined && this.textAt(position)) || "";
      },
    };
  }

  get incomplete(): boolean {
    return this.missed.size > 0 || this.missingTexts.size > 0;
  }

  /** The text of the sentence at `position` (undefined: not fetched yet, noted). */
  private textAt(position: number): string | undefined {
    if (this.engine.textsHeld) {
      const ref = this.engine.base.sentenceRef(position);
      return ref ? this.engine.view.sentence(ref) : "";
    }
    let text = this.texts.get(position);
    if (text === undefined && (text = this.engine.keptText(position)) !== undefined) this.texts.set(position, text);
    if (text === undefined) this.missingTexts.add(position);
    return text;
  }

  private async fetchTexts(): Promise<void> {
    if (this.missingTexts.size === 0) return;
    const positions = [...this.missingTexts];
    this.missingTexts.clear();
    for (const [position, text] of await this.engine.readTexts(positions)) this.texts.set(position, text);
  }

  get indexes(): Indexes {
    this.guessing = false;
    return (this.built ??= this.build());
  }

  async complete(): Promise<void> {
    const lookups = [...this.missed.values()];
    this.missed.clear();
    await Promise.all([this.load(lookups), this.fetchTexts()]);
  }

  /** Fetches the lookups not done yet: vocabulary expansions and counts first, then documents. */
  async load(lookups: Lookup[]): Promise<void> {
    const pending = lookups.filter((l) => !this.done.has(keyOf(l)));
    for (const l of pending) this.done.add(keyOf(l));
    const every = (kind: Kind) => pending.filter((l) => l.kind === kind && "every" in l).map((l) => l.term);
    await Promise.all([
      this.fetchCounts(pending.filter((l) => l.kind === "counts").map((l) => l.term)),
      ...KINDS.map((kind) => this.fetchEvery(kind, every(kind))),
      ...pending.map(async (l) => {
        if (l.kind === "counts" || "every" in l) return;
        if ("all" in l) return this.fetchAll(l.kind, l.all);
        const found = await vocabularyOf(this.pool, l.term, "prefix" in l, "distance" in l ? (l.distance ?? 0) : 0);
        this.vocabulary.set(keyOf(l), found.map((f) => f.term));
        this.addCounts(found);
      }),
    ]);
  }

  private async fetchCounts(terms: string[]): Promise<void> {
    const wanted = terms.filter((t) => !this.counts.has(t));
    if (wanted.length === 0) return;
    const { rows } = await this.pool.query<{ term: string; counts: Counts }>({
      name: "kb-term-counts",
      text: `SELECT term, ${COUNTS} FROM kb_term WHERE term = ANY($1)`,
      values: [wanted],
    });
    for (const t of wanted) this.counts.set(t, [0, 0, 0, 0, 0, 0]);
    this.addCounts(rows);
  }

  private addCounts(rows: readonly { term: string; counts: Counts }[]): void {
    for (const r of rows) this.counts.set(r.term, r.counts);
    this.built = undefined;
    for (const kind of KINDS) delete this.subsets[kind];
  }

  /** Every document of `kind` holding `term`, if fetched for this question or kept by the engine. */
  private holding(kind: Kind, term: string): Holding | undefined {
    let holding = this.every[kind].get(term);
    if (!holding && (holding = this.engine.keptHolding(kind, term))) this.every[kind].set(term, holding);
    return holding;
  }

  /** Every document of `kind` holding each of `terms`, by field: ids only (a document is read when a candidate). */
  private async fetchEvery(kind: Kind, terms: string[]): Promise<void> {
    const wanted = terms.filter((t) => !this.holding(kind, t));
    if (wanted.length === 0) return;
    for (const [term, rows] of await readPostings(this.pool, kind, wanted)) {
      const documents = this.engine.positionCount(kind);
      const holding: Holding = LAYOUT[kind].fields.map(() => new DocumentSet(new Int32Array(0), 0));
      let size = 0;
      for (const { field, ids, lengths } of rows) {
        if (field >= holding.length) continue;
        size += ids.length;
        // In the knowledge base's order, as the embedded postings hold them (stable ids follow the order of writing).
        holding[field] = new DocumentSet(this.engine.positionsOf(kind, ids, lengths).sort(), documents);
      }
      this.every[kind].set(term, holding);
      this.engine.keepHolding(kind, term, holding, size);
    }
  }

  /**
   * The documents of `kind` holding a variant of each group's term (an AND search's results); each is read as a
   * candidate when a search asks for them (search, below: not those its boostDocument leaves out).
   */
  private async fetchAll(kind: Kind, groups: string[][]): Promise<void> {
    const { rows } = await this.pool.query<{ id: number }>({
      name: `kb-all-${kind}`,
      text: `SELECT id FROM ${TABLE[kind]} WHERE terms @@ $1::tsquery`,
      values: [groups.map((g) => `(${anyOf(g)})`).join(" & ")],
    });
    const ids: number[] = [];
    for (const r of rows) {
      const id = this.engine.position(kind, r.id);
      if (id !== undefined) ids.push(id);
    }
    this.allOf.set(keyOf({ kind, term: JSON.stringify(groups), all: groups }), ids);
  }

  /** Notes a lookup this run lacks; one the answer cannot go on without stops the run (a NotFetched). */
  private need(lookups: Lookup[], stop: boolean): void {
    const fresh = lookups.filter((l) => !this.done.has(keyOf(l)));
    // After a miss the run may be on a path the complete data would not take: its needs are not fetched.
    if (!stop || !this.guessing) for (const l of fresh) this.missed.set(keyOf(l), l);
    if (fresh.length > 0) this.guessing = true;
    if (stop && fresh.length > 0) throw new NotFetched();
  }

  /** A term's counts (0 while not fetched, noting it). */
  private countsOf(term: string): Counts {
    const c = this.counts.get(term);
    if (!c) this.need([{ kind: "counts", term }], false);
    return c ?? [0, 0, 0, 0, 0, 0];
  }

  /** Makes the small index of `kind` hold `terms`' postings. */
  private hold(kind: Kind, terms: Iterable<string>): void {
    for (const t of terms) {
      this.countsOf(t);
      if (this.terms[kind].has(t)) continue;
      this.terms[kind].add(t);
      delete this.subsets[kind];
    }
  }

  private subset(kind: Kind): SearchIndex {
    const stats = this.engine.stats;
    const fieldLengths = { sentences: [stats.sentenceLength], events: [stats.eventText, stats.eventContext], quotes: [stats.quoteLength] }[kind];
    return (this.subsets[kind] ??= positioned(
      subsetIndex(this.docs[kind].values(), this.terms[kind], LAYOUT[kind].options, {
        documentCount: this.engine.documentCount(kind),
        fieldLengths,
        documentFrequency: (term, field) => this.counts.get(term)?.[LAYOUT[kind].fields[field] as number] ?? 0,
      }),
    ));
  }

  /**
   * The document `id` of `kind` (its terms read from its text); one whose text is not fetched yet holds nothing in
   * this run (which is run again), and is not kept.
   */
  private docOf(kind: Kind, id: number): SubsetDocument {
    let doc = this.docs[kind].get(id);
    if (!doc) {
      doc = this.engine.document(kind, id, (position) => this.textAt(position));
      if (!doc) return { id, fields: [] };
      this.docs[kind].set(id, doc);
      delete this.subsets[kind];
    }
    return doc;
  }

  /** A query's terms by position, each with the prefix and typo variants the search options give it. */
  private groups(kind: Kind, query: string, o: SearchOptions): string[][] {
    const terms = indexTokenize(query).map(indexTerm).filter((t): t is string => !!t);
    const missing: Lookup[] = [];
    const groups = terms.map((term, i) => {
      const variants = [term];
      const prefix = typeof o.prefix === "function" ? o.prefix(term, i, terms) : o.prefix === true;
      const fuzzy = typeof o.fuzzy === "function" ? o.fuzzy(term, i, terms) : o.fuzzy || false;
      // MiniSearch's own reading of `fuzzy`: a share of the term's length (at most maxFuzzy), or a distance.
      const f = fuzzy === true ? 0.2 : fuzzy === false ? 0 : fuzzy;
      const distance = f < 1 ? Math.min(o.maxFuzzy ?? 6, Math.round(term.length * f)) : f;
      const wanted: Lookup[] = [];
      if (prefix) wanted.push({ kind, term, prefix: true });
      if (distance > 0) wanted.push({ kind, term, distance });
      for (const l of wanted) {
        const found = this.vocabulary.get(keyOf(l));
        if (found) variants.push(...found);
        else missing.push(l);
      }
      return [...new Set(variants)];
    });
    this.need(missing, true);
    return groups;
  }

  /** How many documents of `kind` a term is in, in any field (a bound): what fetching them all costs. */
  private size(kind: Kind, term: string): number {
    const c = this.countsOf(term);
    return LAYOUT[kind].fields.reduce((n, f) => n + (c[f] ?? 0), 0);
  }

  /** The index of `kind` as the answers see it. */
  private facade(kind: Kind): SearchIndex {
    const defaults = LAYOUT[kind].options.searchOptions ?? {};
    const fieldIds = LAYOUT[kind].options.fields;
    return {
      documentCount: this.engine.documentCount(kind),
      search: (query, options = {}) => {
        this.engine.mustHold(kind);
        if (typeof query !== "string") throw new Error("search (PostgreSQL): only string queries are supported");
        const groups = this.groups(kind, query, { ...defaults, ...options });
        this.hold(kind, groups.flat());
        const and = String(options.combineWith ?? defaults.combineWith ?? "OR").toUpperCase() === "AND";
        if (and && groups.length > 0) {
          // Its results hold a variant of every group: fetched as one intersection (a GIN AND), they are all there.
          // A document its boostDocument gives no weight for any of them is in no result (MiniSearch skips it): not
          // read (an autocomplete box's "Co" holds 8,700 events, the newest sixteenth of which it looks among first).
          const lookup: Lookup = { kind, term: JSON.stringify(groups), all: groups };
          this.need([lookup], true);
          const boost = options.boostDocument;
          const variants = groups.flat();
          for (const id of this.allOf.get(keyOf(lookup)) ?? []) if (!boost || variants.some((t) => boost(id, t, undefined))) this.docOf(kind, id);
        } else if (!and) {
          const terms = groups.flat();
          this.need(terms.filter((t) => !this.holding(kind, t)).map((term) => ({ kind, term, every: true })), true);
          for (const t of terms) for (const field of this.holding(kind, t) ?? []) for (const id of field) this.docOf(kind, id);
        }
        return this.subset(kind).search(query, options);
      },
      documentsWith: (word, field) => {
        this.engine.mustHold(kind);
        const terms = indexTokenize(word).map(indexTerm).filter((t): t is string => !!t);
        if (terms.length !== 1 || (field !== undefined && !fieldIds.includes(field))) return undefined;
        const term = terms[0] as string;
        this.hold(kind, [term]);
        const at = field === undefined ? fieldIds.map((_, i) => i) : [fieldIds.indexOf(field)];
        const c = this.countsOf(term);
        const key = `${kind}\u0000${term}`;
        // Found once per lookup: a partial match asks it about thousands of candidates.
        let held = this.holding(kind, term);
        const docs: TermDocuments = {
          size: sum(at, (i) => c[LAYOUT[kind].fields[i] as number] ?? 0),
          has: (id) => {
            if (!held) {
              const read = (this.reads.get(key) ?? 0) + 1;
              this.reads.set(key, read);
              if (docs.size <= Math.max(FETCH_RATHER_THAN_READ, read * READ_PER_FETCHED)) this.need([{ kind, term, every: true }], true);
              held = this.holding(kind, term);
            }
            const holding = held;
            if (holding && at.length === 1) return holding[at[0] as number]?.has(id as number) ?? false;
            return at.some((i) => (holding ? (holding[i]?.has(id as number) ?? false) : this.docOf(kind, id as number).fields[i]?.tf.has(term)));
          },
          forEach: (f) => {
            this.need(this.holding(kind, term) ? [] : [{ kind, term, every: true }], true);
            const holding = this.holding(kind, term) ?? [];
            if (at.length === 1) {
              for (const id of holding[at[0] as number] ?? []) f(id);
              return;
            }
            const seen = new Set<number>();
            for (const i of at)
              for (const id of holding[i] ?? []) {
                if (seen.has(id)) continue;
                seen.add(id);
                f(id);
              }
          },
        };
        return docs;
      },
      searchAmong: (query, among, options = {}) => {
        this.engine.mustHold(kind);
        const ids = [...among];
        for (const id of ids) this.docOf(kind, id);
        this.hold(kind, indexTokenize(query).map(indexTerm).filter((t): t is string => !!t));
        return this.subset(kind).searchAmong?.(query, ids, options);
      },
    };
  }

  private build(): Indexes {
    const { base } = this.engine;
    const stats = this.engine.stats;
    const sentenceCounter = this.counter("sentences", stats.sentences);
    const eventCounter = this.counter("events", stats.events);
    return {
      ...base,
      sentences: this.facade("sentences"),
      events: this.facade("events"),
      quotes: this.facade("quotes"),
      sentenceLead: { share: sentenceCounter.share, lengths: this.sentenceLengths() },
      eventLead: { share: eventCounter.share },
      sentenceIdf: sentenceCounter.idf,
      // As search-index.ts idfWeights over the quotes' document frequencies.
      quoteWeight: (term) => Math.log(1 + stats.quotes / (1 + this.countsOf(term)[2])),
    };
  }

  /** Each sentence's length by position, as the engine knows it or works it out from the text read for it. */
  private sentenceLengths(): ArrayLike<number> {
    const text = (position: number): string | undefined => this.textAt(position);
    return new Proxy({ length: this.engine.base.sentenceCount } as ArrayLike<number>, {
      get: (target, key) => (typeof key === "string" && /^\d+$/.test(key) ? (this.engine.sentenceLength(Number(key), text) ?? 0) : Reflect.get(target, key)),
    });
  }

  /** share and idf as a term counter of the whole index answers them (rareLead.ts), from the fetched counts. */
  private counter(kind: Kind, documents: number): { share: (word: string) => number; idf: (term: string) => number } {
    const column = LAYOUT[kind].share;
    const counts = new Map<string, number>();
    for (const [term, c] of this.counts) if ((c[column] ?? 0) > 0) counts.set(term, c[column] as number);
    const counter = termCounter((t) => t, { counts: [...counts], documents: Math.max(1, documents) });
    return {
      share: (word) => {
        const t = indexTerm(word);
        if (t !== null) this.countsOf(t);
        return counter.share(word);
      },
      idf: (term) => {
        this.countsOf(term);
        return counter.idf(term);
      },
    };
  }
}

const sum = <T>(list: readonly T[], f: (x: T) => number): number => list.reduce((n, x) => n + f(x), 0);

/**
 * The stored terms starting with `term`, or within `distance` edits of it (MiniSearch's Levenshtein distance), each
 * with its counts: the answer looks those up next, and they come in the same round trip.
 */
async function vocabularyOf(pool: pg.Pool, term: string, prefix: boolean, distance: number): Promise<{ term: string; counts: Counts }[]> {
  if (prefix) {
    const { rows } = await pool.query<{ term: string; counts: Counts }>(`SELECT term, ${COUNTS} FROM kb_term WHERE term LIKE $1`, [`${term.replace(/[\\%_]/g, "\\$&")}%`]);
    return rows;
  }
  // fuzzystrmatch compares characters (at most 255), editDistance UTF-16 units: the server's answer holds every term
  // editDistance accepts, which then decides.
  const { rows } =
    term.length + distance <= 255
      ? await pool.query<{ term: string; counts: Counts }>({
          name: "kb-term-near",
          text: `SELECT term, ${COUNTS} FROM kb_term WHERE length(term) BETWEEN $1 AND $2 AND levenshtein_less_equal(term, $3, $4) <= $4`,
          values: [term.length - distance, term.length + distance, term, distance],
        })
      : await pool.query<{ term: string; counts: Counts }>(`SELECT term, ${COUNTS} FROM kb_term WHERE length(term) BETWEEN $1 AND $2`, [term.length - distance, term.length + distance]);
  return rows.filter((r) => editDistance(term, r.term, distance) <= distance);
}
