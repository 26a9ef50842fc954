// The PostgreSQL engine: the knowledge base is read from the database once (storedStages.ts), the postings stay there.
// It answers once the first stage is read (the articles, the people, the quotes): an answer that reads the events
// before the second stage is read waits for it (PartNotRead), and the sentences' texts are read from the database
// meanwhile, as an engine that holds none reads them.
// Each question gets a scope (scope.ts) that fetches what its answer reads of the large indexes (sentences, events,
// quotes): words' counts from kb_term, and the documents of the words the answer walks, through GIN indexes over
// the `terms` tsvectors; the small indexes are built at start (names) or in the second stage (descriptions).
import MiniSearch from "minisearch";
import type pg from "pg";
import { createCorpusView, type CorpusView } from "../../answer/context.ts";
import { liveIndexes, type Indexes } from "../../answer/indexes.ts";
import { eventDocumentOf } from "../../answer/indexDocuments.ts";
import { eventPlaces, titleTermsWarmed } from "../../answer/indexPlan.ts";
import type { Postings } from "../../answer/postings.ts";
import { termCounter } from "../../answer/rareLead.ts";
import { roleIndexes } from "../../answer/roleIndexes.ts";
import { indexOptions } from "../../answer/search-index.ts";
import { emptyBoxOrders } from "../../answer/suggest.ts";
import { indexTerm, indexTokenize } from "../../answer/text.ts";
import { EventTable } from "../../kb/eventTable.ts";
import { readTextsAs } from "../../kb/articleTexts.ts";
import type { KnowledgeBase } from "../../kb/types.ts";
import { runInSlices, type Sliced } from "../../util/slices.ts";
import { PartNotRead, type QueryScope, type SearchEngine } from "../engine.ts";
import { distinctTerms, MAX_TERM_LENGTH, type ArticleStats } from "./documents.ts";
import { readStoredStages, type FirstStage, type RestStage } from "./storedStages.ts";
import { intArray } from "./postings.ts";
import { Scope, type Holding, type Kind } from "./scope.ts";
import { fieldsDocument, termSetDocument, type SubsetDocument } from "./subsetIndex.ts";

/** Words in fewer documents are fetched again when asked for: it costs the server little. */
const KEEP_FROM = 2000;
/** Documents kept for common words, in all (about 40 bytes each: some 40 MB). */
const KEEP_AT_MOST = 1_000_000;
/** Sentence texts kept from the questions before (some 130 bytes each, with the map's entry some 250: 2.5 MB). */
const TEXTS_KEPT = 10_000;

/** Sentence lengths read by one statement (a range of stable ids), and taken in between two turns of the event loop. */
const LENGTHS_AT_ONCE = 32_768;

export interface EngineOptions {
  /** Where the sentences' texts are read from: memory (read whole at start, the default), or the database. */
  texts?: "memory" | "database";
  /** Awaited before the second stage is read (default: nothing): a test holds it back. */
  beforeRest?: () => Promise<void>;
}

export class PostgresEngine implements SearchEngine {
  /** The corpus as read so far: its knowledge base's events throw PartNotRead until the second stage is read. */
  view: CorpusView;
  /** The small indexes; their events' places throw PartNotRead until the second stage is read. */
  base: Indexes;
  /** Whether the sentences' texts are in memory (the view reads them), or read from the database when answers do. */
  textsHeld = false;
  /** Per kind, by stable id (kb_posting's): the answers' document id (its position), -1 where none. */
  private readonly positions: Record<Kind, Int32Array>;
  /** How many stored rows of each kind this engine read: every answers' position is below it. */
  private readonly counts: Record<Kind, number>;
  private readonly lengthCache: Int32Array;
  /** The sentences' stable ids by position: what their texts are fetched by. */
  private readonly sentenceIds: Int32Array;

  /** The corpus's search statistics. */
  readonly stats: ArticleStats;
  /** The stored knowledge base's version this engine read (storedStages.ts storedVersion). */
  readonly version: string;

  // Of what was read, the engine keeps the knowledge base (in the view) and the statistics: not the articles' hashes
  // nor the stable ids by position of events and quotes, which it does not read.
  private constructor(
    private readonly pool: pg.Pool,
    { kb, stats, rowIds, rest, version }: FirstStage,
    base: Indexes,
    view: CorpusView,
    textsInMemory: boolean,
  ) {
    this.stats = stats;
    this.version = version;
    this.counts = { sentences: rowIds.sentences.length, events: 0, quotes: rowIds.quotes.length };
    this.positions = { sentences: positionsOf(rowIds.sentences), events: new Int32Array(0), quotes: positionsOf(rowIds.quotes) };
    this.sentenceIds = rowIds.sentences;
    this.lengthCache = new Int32Array(base.sentenceCount).fill(-1);
    const unread = <T extends object>(part: string): T => notRead(() => this.whole, part);
    // The getter itself throws: a list standing for the events could be kept by what an answer caches per list.
    const events = (): KnowledgeBase["events"] => {
      throw new PartNotRead(this.whole, "events");
    };
    this.view = { ...view, kb: Object.defineProperty({ ...kb } as KnowledgeBase, "events", { enumerable: true, get: events }) };
    // The role questions' indexes are made in the second stage too: a /who of a name answers without them.
    const roles = { descriptions: unread<Indexes["descriptions"]>("descriptions"), peopleIn: unread<Indexes["peopleIn"]>("people by sentence") };
    this.base = { ...base, eventsAt: unread("events"), eventPositions: unread("events"), ...roles };
    this.whole = this.takeRest(kb, rest, textsInMemory);
    // Rejections reach the answers that wait for the rest (as AnswersUnavailable) and whoever awaits `whole`.
    this.whole.catch(() => undefined);
    // A failure here costs speed only (what is missing is worked out when read); a database out of reach reaches the
    // members through the answers' own queries.
    this.warmed = Promise.all([
      this.readSentenceLengths().catch(() => undefined),
      this.whole.then(() => runInSlices(afterStart(this.view.kb))).catch(() => undefined),
    ]).then(() => undefined);
  }

  /** Resolves once the second stage is read and taken in (rejects if it could not be read). */
  readonly whole: Promise<void>;

  /**
   * Takes the second stage in: the events' places are made in slices, then the events, their places and the texts
   * come in together, in one step, so an answer sees the engine without them or with all of them.
   */
  private async takeRest(kb: FirstStage["kb"], rest: Promise<RestStage>, textsInMemory: boolean): Promise<void> {
    const { events, eventIds, holdTexts } = await rest;
    const places = await runInSlices(eventPlaces(events, this.base.sentencePosition, this.base.sentenceCount));
    const roles = await runInSlices(roleIndexes(kb, this.base));
    // The articles' sentences read their texts from memory once given them; the answers do from the swap below.
    if (holdTexts) await runInSlices(holdTexts());
    this.textsHeld = textsInMemory;
    // The texts the first stage's answers read from the database are in memory now.
    if (textsInMemory) this.keptTexts.clear();
    this.counts.events = eventIds.length;
    this.positions.events = positionsOf(eventIds);
    this.base = { ...this.base, ...places, ...roles };
    const first = this.view.kb;
    this.view = { ...this.view, kb: { ...kb, events } };
    // Texts not held: the duties beside the answers go on reading them as they did in the first stage (through the
    // database, src/search/postgres/articleTexts.ts); held, from memory.
    if (!textsInMemory) readTextsAs(this.view.kb, first);
    this.restTaken = true;
  }

  private restTaken = false;

  /** Throws PartNotRead where an answer reads the index of `kind` before the engine has read it. */
  mustHold(kind: Kind): void {
    if (kind === "events" && !this.restTaken) throw new PartNotRead(this.whole, "events");
  }

  /**
   * What the engine makes after it is open, while it answers: every sentence's length, the orders of the empty
   * autocomplete boxes, and the articles' titles as index terms. An answer that needs one before it is done makes
   * what it needs itself, as before.
   */
  readonly warmed: Promise<void>;

  /**
   * Reads the knowledge base from the database: no extraction, no merge, no index over the large collections. With
   * `texts: "database"` the sentences' texts are not read either (some 53 MB at 50,000 articles): each question
   * fetches those its answer reads, as it fetches the postings. Then nothing but the answers may read the knowledge
   * base's sentences (an article's `sentences` throws): not yet for a process that announces or previews articles.
   */
  static async open(pool: pg.Pool, options: EngineOptions = {}): Promise<PostgresEngine> {
    const engine = await PostgresEngine.openFirst(pool, options);
    await engine.whole;
    return engine;
  }

  /**
   * The same engine, as soon as the first stage is read (storedStages.ts): it answers then, and reads the rest while
   * it answers (`whole`). Until then its knowledge base's `events` throw (PartNotRead), and nothing but the answers
   * may read its sentences' texts.
   */
  static async openFirst(pool: pg.Pool, { texts = "memory", beforeRest }: EngineOptions = {}): Promise<PostgresEngine> {
    const first = await readStoredStages(pool, { texts: texts === "memory", ...(beforeRest && { beforeRest }) });
    // The name index and the position tables over the first stage (its events and the role questions' indexes come after);
    // the large ones come per question. The titles' terms (some 0.8 s of CPU at 50,000 articles under load) are
    // worked out after the start (warmed).
    const kb: KnowledgeBase = { ...first.kb, events: EventTable.of([]) };
    const view = createCorpusView(kb);
    const base = await liveIndexes(kb, view, { postings: emptyPostings(), events: NONE, quotes: NONE, sentences: NONE, sentenceLengths: [] }, { titlesOnUse: true, rolesLater: true, names: first.names });
    return new PostgresEngine(pool, first, base, view, texts === "memory");
  }

  /**
   * Every stored sentence's length (its distinct index terms), read in one query: /when ranks the events that hold
   * every word of a question by their sentence's length, and a question of common words has thousands of them (the
   * 13,000 events of "the end May" at 50,000 articles), each otherwise tokenised from its text (some 40-80 µs each).
   * A sentence written after this engine read is left out; one too long for its terms' lengths (a "word" past a
   * lexeme's length) is worked out from its text when read.
   */
  private async readSentenceLengths(): Promise<void> {
    // A client of its own: a query that makes the pool connect one stays reachable from it (kbStore.ts readOnce).
    const client = await this.pool.connect();
    try {
      // A range of ids at a time: the 421,000 sentences of 50,000 articles in one row (two arrays of 6.7 MB as hex
      // text), then their positions, held a process that answers for 0.1 s of CPU under load.
      const last = this.sentenceIds.reduce((max, id) => Math.max(max, id), -1);
      for (let from = 0; from <= last; from += LENGTHS_AT_ONCE) {
        const { rows } = await client.query<{ ids: Buffer | null; lengths: Buffer | null }>(
          `SELECT array_send(array_agg(id ORDER BY id)) AS ids,
             array_send(array_agg(CASE WHEN length(text) <= $1 THEN length(terms) END ORDER BY id)) AS lengths
           FROM kb_sentence WHERE id >= $2 AND id < $3`,
          [MAX_TERM_LENGTH, from, from + LENGTHS_AT_ONCE],
        );
        const row = rows[0];
        if (row?.ids && row.lengths) this.positionsOf("sentences", intArray(row.ids), intArray(row.lengths));
      }
    } finally {
      client.release();
    }
  }

  /** A scope that knows the counts of the question's words (how common each is decides what is fetched next). */
  async scope(texts: readonly string[]): Promise<QueryScope> {
    const scope = new Scope(this, this.pool);
    const terms = texts.flatMap((t) => indexTokenize(t).map(indexTerm)).filter((t): t is string => t !== null);
    await scope.load(terms.map((term) => ({ kind: "counts", term })));
    return scope;
  }

  documentCount(kind: Kind): number {
    return this.stats[kind];
  }

  /** How many documents of `kind` the answers number (every position is below it). */
  positionCount(kind: Kind): number {
    return this.counts[kind];
  }

  /** The answers' id of the stored row of `kind` with this stable id (undefined: written after this engine read). */
  position(kind: Kind, id: number): number | undefined {
    const p = this.positions[kind][id];
    return p === undefined || p < 0 ? undefined : p;
  }

  /**
   * A document of `kind` as its index holds it, its sentences' texts read through `text` (by position; undefined: not
   * fetched yet, and then so is the document).
   */
  document(kind: Kind, id: number, text: (position: number) => string | undefined): SubsetDocument | undefined {
    const { kb } = this.view;
    if (kind === "sentences") {
      const t = id < this.base.sentenceCount ? text(id) : "";
      return t === undefined ? undefined : termSetDocument(id, distinctTerms(t));
    }
    if (kind === "events") {
      const e = kb.events.at(id);
      let missing = false;
      const read = (index: number): string | undefined => {
        const position = e && this.base.sentencePosition({ article: e.article, sentence: index });
        const t = position === undefined ? undefined : text(position);
        if (position !== undefined && t === undefined) missing = true;
        return t;
      };
      const doc = e ? eventDocumentOf(id, e, { text: read, paragraph: (index) => this.view.paragraph({ article: e.article, sentence: index }) }) : { text: "", context: "" };
      return missing ? undefined : fieldsDocument(id, [doc.text, doc.context]);
    }
    const q = id < kb.quotes.length ? kb.quotes[id] : kb.fragments[id - kb.quotes.length];
    return fieldsDocument(id, [q?.text ?? ""]);
  }

  /** The texts of the sentences at these positions, from the database (a sentence no longer stored reads ""). */
  async readTexts(positions: readonly number[]): Promise<Map<number, string>> {
    const byId = new Map<number, number>();
    for (const p of positions) {
      const id = this.sentenceIds[p];
      if (id !== undefined) byId.set(id, p);
    }
    const texts = new Map<number, string>(positions.map((p) => [p, ""]));
    const { rows } = await this.pool.query<{ id: number; text: string }>({ name: "kb-sentence-texts", text: "SELECT id, text FROM kb_sentence WHERE id = ANY($1)", values: [[...byId.keys()]] });
    for (const r of rows) {
      const p = byId.get(r.id);
      if (p === undefined) continue;
      texts.set(p, r.text);
      this.keepText(p, r.text);
    }
    return texts;
  }

  /** The texts of the questions before, the most recently read last (the first is the one to drop). */
  private readonly keptTexts = new Map<number, string>();

  keptText(position: number): string | undefined {
    const text = this.keptTexts.get(position);
    if (text !== undefined) {
      this.keptTexts.delete(position);
      this.keptTexts.set(position, text);
    }
    return text;
  }

  private keepText(position: number, text: string): void {
    this.keptTexts.set(position, text);
    if (this.keptTexts.size > TEXTS_KEPT) this.keptTexts.delete(this.keptTexts.keys().next().value as number);
  }

  /**
   * The documents of the commonest words walked lately, kept: fetching a word in a tenth of the events costs the
   * server a second under load, and the same few common words come back in question after question. (The engine's
   * knowledge base is the one read at its start, so what it keeps never goes stale.)
   */
  private readonly kept = new Map<string, { holding: Holding; size: number }>();
  private keptSize = 0;

  keptHolding(kind: Kind, term: string): Holding | undefined {
    const key = `${kind}\u0000${term}`;
    const entry = this.kept.get(key);
    if (!entry) return undefined;
    // Most recently used last: the first is the one to drop.
    this.kept.delete(key);
    this.kept.set(key, entry);
    return entry.holding;
  }

  keepHolding(kind: Kind, term: string, holding: Holding, size: number): void {
    if (size < KEEP_FROM) return;
    this.kept.set(`${kind}\u0000${term}`, { holding, size });
    this.keptSize += size;
    for (const [key, entry] of this.kept) {
      if (this.keptSize <= KEEP_AT_MOST) break;
      this.kept.delete(key);
      this.keptSize -= entry.size;
    }
  }

  /**
   * The positions of the stored rows of `kind` with these stable ids, leaving out rows written after this engine
   * read; a sentence's length fetched with it (-1: not known) is kept for sentenceLengths.
   */
  positionsOf(kind: Kind, ids: Int32Array, lengths: Int32Array | null): Int32Array {
    const table = this.positions[kind];
    const out = new Int32Array(ids.length);
    let n = 0;
    for (let k = 0; k < ids.length; k++) {
      const p = table[ids[k] as number] ?? -1;
      if (p < 0) continue;
      out[n++] = p;
      const length = lengths?.[k] ?? -1;
      if (length >= 0 && p < this.lengthCache.length) this.lengthCache[p] = length;
    }
    return out.subarray(0, n);
  }

  /**
   * A sentence's length (its distinct index terms), worked out from its text read through `text` where the engine
   * did not read it (a sentence too long for its terms' lengths, or before the lengths are read); undefined while
   * that text is not fetched.
   */
  sentenceLength(position: number, text: (position: number) => string | undefined): number | undefined {
    const known = this.lengthCache[position];
    if (known === undefined || known >= 0) return known ?? 0;
    const t = text(position);
    if (t === undefined) return undefined;
    const length = distinctTerms(t).length;
    this.lengthCache[position] = length;
    return length;
  }
}

/** What the engine makes in slices after its start: the empty boxes' orders first (an autocomplete), then the titles. */
function* afterStart(kb: KnowledgeBase): Sliced<void> {
  yield* emptyBoxOrders(kb);
  yield* titleTermsWarmed(kb);
}

/** A part not read yet: reading anything of it throws PartNotRead, with the promise of the read it waits for. */
function notRead<T extends object>(read: () => Promise<void>, part: string): T {
  return new Proxy({} as T, {
    get: () => {
      throw new PartNotRead(read(), part);
    },
  });
}

/** Position by stable id, from the stable ids by position. */
function positionsOf(rowIds: Int32Array): Int32Array {
  const positions = new Int32Array(rowIds.reduce((max, id) => Math.max(max, id + 1), 0)).fill(-1);
  rowIds.forEach((id, position) => (positions[id] = position));
  return positions;
}

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
