// The PostgreSQL engine: the knowledge base is read from the database once (storedStages.ts), the postings stay there.
// It answers once the first stage is read (the articles, the people, the quotes): an answer that reads the events
// before the second stage is read waits for it (PartNotRead), a role question for the role indexes (as the writer saved
// them, taken in once the events are, or when a role question asks first), and the sentences' texts are read from the
// database meanwhile, as an engine that holds none reads them. What it makes beside its answers waits while one is made (runBesideAnswers).
// Each question gets a scope (scope.ts) that fetches what its answer reads of the large indexes (sentences, events,
// quotes): words' counts from kb_term, and the documents of the words the answer walks, through GIN indexes over
// the `terms` tsvectors; the small indexes are read as the writer saved them (names, descriptions) or made after the start.
// Apart from it: the first stage's indexes (firstStageIndexes.ts), the documents (engineDocument.ts), the sentences'
// lengths (sentenceLengths.ts) and texts (sentenceTexts.ts), the common words' documents kept (keptHoldings.ts), and
// the typos' neighbours (keptNeighbours.ts).
import type pg from "pg";
import { createCorpusView, type CorpusView } from "../../answer/context.ts";
import type { Indexes } from "../../answer/indexes.ts";
import { eventPlaces, titleTermsWarmed } from "../../answer/indexPlan.ts";
import { roleIndexes } from "../../answer/roleIndexes.ts";
import { emptyBoxOrders, peopleAndArticleOrders } from "../../answer/suggestOrders.ts";
import { indexTerm, indexTokenize } from "../../answer/text.ts";
import { EventTable } from "../../kb/eventTable.ts";
import { readTextsAs } from "../../kb/articleTexts.ts";
import type { KnowledgeBase } from "../../kb/types.ts";
import { runBesideAnswers, type Sliced } from "../../util/slices.ts";
import { startMark } from "../../util/startMarks.ts";
import { PartNotRead, type QueryScope, type SearchEngine } from "../engine.ts";
import type { ArticleStats } from "./documents.ts";
import { takeArticleOrder } from "./articleOrders.ts";
import { beforeRest, firstStageIndexes } from "./firstStageIndexes.ts";
import { KeptHoldings } from "./keptHoldings.ts";
import { KeptNeighbours } from "./keptNeighbours.ts";
import { readStoredStages, type FirstStage, type RestStage } from "./storedStages.ts";
import type { Kind } from "./postings.ts";
import { Scope } from "./scope.ts";
import { takeSavedRoles } from "./savedRoles.ts";
import type { StartedRead } from "./startedRead.ts";
import { readStoredLengths, SentenceLengths } from "./sentenceLengths.ts";
import { SentenceTexts } from "./sentenceTexts.ts";

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
  /** Every sentence's length, by position (sentenceLengths.ts). */
  private readonly lengths: SentenceLengths;
  /** The sentences' stable ids by position: what their lengths are read by (their texts: sentenceTexts.ts). */
  private readonly sentenceIds: Int32Array;
  /** The quotes' and (once the second stage is read) the events' stable ids by position: what a change is applied to (engineChange.ts). */
  private readonly ids: { quotes: Int32Array; events: Int32Array };
  /** The sentences' texts read from the database for the answers and duties, the last ones kept (sentenceTexts.ts). */
  readonly texts: SentenceTexts;
  /** The documents of the commonest words walked lately, for the scopes (keptHoldings.ts). */
  readonly kept = new KeptHoldings();
  /** The stored terms within a few edits of the words looked up lately, for the scopes (keptNeighbours.ts). */
  readonly neighbours = new KeptNeighbours();

  /** The corpus's search statistics. */
  readonly stats: ArticleStats;
  /** The stored knowledge base's version this engine read (storedStages.ts storedVersion). */
  readonly version: string;

  // Of what was read, the engine keeps the knowledge base (in the view) and the statistics: not the articles' hashes
  // nor the stable ids by position of events and quotes, which it does not read.
  private constructor(
    private readonly pool: pg.Pool,
    { kb, stats, rowIds, rest, version, articleOrder, roles }: FirstStage,
    base: Indexes,
    view: CorpusView,
    textsInMemory: boolean,
    carried?: PostgresEngine,
  ) {
    this.stats = stats;
    this.version = version;
    this.counts = { sentences: rowIds.sentences.length, events: 0, quotes: rowIds.quotes.length };
    this.positions = { sentences: positionsOf(rowIds.sentences), events: new Int32Array(0), quotes: positionsOf(rowIds.quotes) };
    this.sentenceIds = rowIds.sentences;
    this.ids = { quotes: rowIds.quotes, events: new Int32Array(0) };
    this.lengths = new SentenceLengths(base.sentenceCount);
    this.texts = new SentenceTexts(pool, rowIds.sentences);
    // Made from an engine after a write: the lengths and kept texts of the sentences it held are taken over, only the
    // written articles' lengths read (all of them when the engine before had not read its own yet).
    const lengthsToRead = carried && this.carry(carried);
    // A role question that reads the role questions' indexes before they are taken in asks for them (roleAsked).
    let roleAsked = (): void => undefined;
    const asked = new Promise<void>((resolve) => (roleAsked = resolve));
    ({ view: this.view, base: this.base } = beforeRest(kb, view, base, { events: () => this.eventsTaken, roles: () => (roleAsked(), this.rolesTaken) }));
    // The article autocomplete's order as the writer saved it (an article suggestion waits for its read, not made here).
    const orderTaken = takeArticleOrder(kb.articles, articleOrder);
    this.eventsTaken = this.takeRest(kb, rest, textsInMemory);
    // The role questions' indexes as the writer saved them, or (none saved beside this version) made from the first
    // stage: once the events are taken in (what /when waits for goes first), or at once for a role question asked
    // before; then the orders the empty autocomplete boxes of people and articles offer (an article's suggestion
    // reads its titles' words).
    this.rolesTaken = this.takeRoles(kb, roles, Promise.race([asked, this.eventsTaken.catch(() => undefined)]));
    this.whole = Promise.all([this.rolesTaken, this.eventsTaken]).then(() => undefined);
    // Rejections reach the answers that wait for the rest (as AnswersUnavailable) and whoever awaits `whole`.
    for (const p of [this.eventsTaken, this.whole]) p.catch(() => undefined);
    // A failure here costs speed only (what is missing is worked out when read); a database out of reach reaches the
    // members through the answers' own queries.
    this.warmed = Promise.all([
      // After the events: read at the open, the lengths (a scan of every sentence row on the server, 13 MB of hex to
      // parse here) were read while the server read the events and this process took them in, which /when waits for.
      this.eventsTaken
        .catch(() => undefined)
        .then(() => readStoredLengths(this.pool, this.sentenceIds, (ids, lengths) => this.positionsOf("sentences", ids, lengths), lengthsToRead))
        // The lengths the stored ones leave unknown (sentences longer than a lexeme may be: 56 at 50,000 articles)
        // worked out from their texts, so that the answers read every length from an array.
        .then(() => this.lengths.workOutUnknown((positions) => (this.textsHeld ? this.heldTexts(positions) : this.texts.read(positions, { keep: false }))))
        .then(() => ((this.lengthsRead = true), startMark("lengths read"))),
      Promise.all([this.rolesTaken, orderTaken]).then(() => runBesideAnswers(peopleAndArticleOrders(kb))).then(() => startMark("people and article orders")),
      Promise.all([this.whole, orderTaken]).then(() => runBesideAnswers(afterStart(this.view.kb))).then(() => startMark("warmed")),
    ].map((p) => p.catch(() => undefined))).then(() => undefined);
  }

  /** Whether every sentence's length was read (or taken from the engine before): what a change may carry over. */
  private lengthsRead = false;

  /** Whether every sentence's length is known: the postings fetched after need not bring theirs (scopeFetches.ts). */
  get knowsEveryLength(): boolean {
    return this.lengthsRead;
  }

  /** Every sentence's length by position, once all are known (sentenceLengths.ts every). */
  everyLength(): Int32Array | undefined {
    return this.lengthsRead ? this.lengths.every() : undefined;
  }

  /** The texts of the sentences at `positions`, from the knowledge base that holds them. */
  private heldTexts(positions: readonly number[]): Map<number, string> {
    const text = (p: number): string => {
      const ref = this.base.sentenceRef(p);
      return ref ? this.view.sentence(ref) : "";
    };
    return new Map(positions.map((p) => [p, text(p)]));
  }

  /**
   * Takes over what `held` knows of the sentences this engine keeps: their lengths (once `held` read them) and its
   * kept texts; the stable ids whose lengths are still to read (undefined: all of them).
   */
  private carry(held: PostgresEngine): Int32Array | undefined {
    const heldPosition = (id: number): number | undefined => held.position("sentences", id);
    this.texts.carry(held.texts, (id) => this.position("sentences", id));
    return held.lengthsRead ? this.lengths.carry(held.lengths, heldPosition, this.sentenceIds) : undefined;
  }

  /** Resolves once the second stage is read and taken in, and the role questions' indexes made (rejects if it could not be read). */
  readonly whole: Promise<void>;
  /** Resolves once the events (with the sentences' places) are taken in. */
  private readonly eventsTaken: Promise<void>;
  /** Resolves once the role questions' indexes are taken in. */
  private readonly rolesTaken: Promise<void>;

  /**
   * Takes the role questions' indexes in once `when` resolves: the saved ones once read if they fit, else made from
   * the first stage, in slices.
   */
  private async takeRoles(kb: FirstStage["kb"], saved: FirstStage["roles"], when: Promise<void>): Promise<void> {
    await when;
    const taken = await saved
      .then((s) => (startMark("role indexes read"), takeSavedRoles(s, this.base.sentenceCount, kb.people.length)))
      .catch(() => undefined);
    const roles = taken ?? (await runBesideAnswers(roleIndexes(kb, this.base)));
    this.base = { ...this.base, ...roles };
    startMark("role indexes");
  }

  /**
   * Takes the second stage in: the events' places are made in slices, then the events, their places and the texts
   * come in together, in one step, so an answer sees the engine without them or with all of them.
   */
  private async takeRest(kb: FirstStage["kb"], rest: Promise<RestStage>, textsInMemory: boolean): Promise<void> {
    const { events, eventIds, holdTexts } = await rest;
    const places = await runBesideAnswers(eventPlaces(events, this.base.sentencePosition, this.base.sentenceCount));
    // The articles' sentences read their texts from memory once given them; the answers do from the swap below.
    if (holdTexts) await runBesideAnswers(holdTexts());
    this.textsHeld = textsInMemory;
    // The texts the first stage's answers read from the database are in memory now.
    if (textsInMemory) this.texts.clear();
    this.counts.events = eventIds.length;
    this.positions.events = positionsOf(eventIds);
    this.ids.events = eventIds;
    this.base = { ...this.base, ...places };
    const first = this.view.kb;
    this.view = { ...this.view, kb: { ...kb, events } };
    // Texts not held: the duties beside the answers go on reading them as they did in the first stage (through the
    // database, src/search/postgres/articleTexts.ts); held, from memory.
    if (!textsInMemory) readTextsAs(this.view.kb, first);
    this.restTaken = true;
    startMark("events taken in");
  }

  private restTaken = false;

  /** Whether the second stage is read and taken in (what engineChange.ts applies a change to). */
  get readWhole(): boolean {
    return this.restTaken;
  }

  /** The stable ids by position of each kind (the events' empty until the second stage is taken in). */
  rowIds(): Record<Kind, Int32Array> {
    return { sentences: this.sentenceIds, quotes: this.ids.quotes, events: this.ids.events };
  }

  /** Whether the engine knows the positions of the documents of `kind` (the events' once the second stage is taken in). */
  placed(kind: Kind): boolean {
    return kind !== "events" || this.restTaken;
  }

  /** Throws PartNotRead where an answer reads the index of `kind` before the engine has read it. */
  mustHold(kind: Kind): void {
    if (kind === "events" && !this.restTaken) throw new PartNotRead(this.eventsTaken, "events");
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
   * may read its sentences' texts. `started`: the read to take, started before (startedRead.ts), instead of one of
   * its own (its texts are the engine's).
   */
  static async openFirst(pool: pg.Pool, { texts = "memory", beforeRest }: EngineOptions = {}, started?: StartedRead): Promise<PostgresEngine> {
    if (started && (started.texts !== texts || beforeRest)) throw new Error(`search/postgres engine: a read started for texts in ${started.texts} taken by an engine for texts in ${texts}${beforeRest ? " that holds its second stage back" : ""}`);
    const first = await (started?.first ?? readStoredStages(pool, { texts: texts === "memory", ...(beforeRest && { beforeRest }) }));
    return PostgresEngine.fromStages(pool, first, texts);
  }

  /**
   * An engine over stages made elsewhere: read (openFirst), or made from an engine and the rows a write changed
   * (engineChange.ts). `texts`: whether the articles' sentences hold their texts ("memory") or are read from the database.
   * `carried`: the engine it was made from, whose sentences' lengths and kept texts it takes over.
   */
  static async fromStages(pool: pg.Pool, first: FirstStage, texts: "memory" | "database", carried?: PostgresEngine): Promise<PostgresEngine> {
    // The name index and the position tables over the first stage (its events and the role questions' indexes come after);
    // the large ones come per question. The titles' terms (some 0.8 s of CPU at 50,000 articles under load) are
    // worked out after the start (warmed).
    const kb: KnowledgeBase = { ...first.kb, events: EventTable.of([]) };
    const view = createCorpusView(kb);
    const base = await firstStageIndexes(kb, view, first.names);
    startMark("first stage indexes");
    return new PostgresEngine(pool, first, base, view, texts === "memory", carried);
  }

  /**
   * A scope that knows the counts of the question's words (how common each is decides what is fetched next); one made
   * once a part was read takes over what `before` fetched that does not depend on it (scopeFetches.ts takeOver).
   */
  async scope(texts: readonly string[], before?: QueryScope): Promise<QueryScope> {
    const scope = new Scope(this, this.pool, before instanceof Scope ? before : undefined);
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
      this.lengths.set(p, lengths?.[k] ?? -1);
    }
    return out.subarray(0, n);
  }

  /**
   * A sentence's length (its distinct index terms), worked out from its text read through `text` where the engine
   * did not read it (a sentence too long for its terms' lengths, or before the lengths are read); undefined while
   * that text is not fetched.
   */
  sentenceLength(position: number, text: (position: number) => string | undefined): number | undefined {
    return this.lengths.length(position, text);
  }
}

/** What the engine makes in slices after its start: the empty boxes' orders first (an autocomplete), then the titles. */
function* afterStart(kb: KnowledgeBase): Sliced<void> {
  yield* emptyBoxOrders(kb);
  startMark("empty box orders");
  yield* titleTermsWarmed(kb);
}

/** Position by stable id, from the stable ids by position. */
function positionsOf(rowIds: Int32Array): Int32Array {
  const positions = new Int32Array(rowIds.reduce((max, id) => Math.max(max, id + 1), 0)).fill(-1);
  rowIds.forEach((id, position) => (positions[id] = position));
  return positions;
}
