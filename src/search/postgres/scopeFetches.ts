// What one question has fetched from the database, and what its answer still lacks (scope.ts runs the answer again
// after each round of fetches): words' counts, their prefix and typo variants, every document of a word, an AND
// search's documents, and the sentences' texts when the engine does not hold them. What a run misses is noted and
// fetched in one round (`fetchMissed`), the lookups of that round side by side.
import type pg from "pg";
import { NotFetched } from "../engine.ts";
import { anyOf, type Counts } from "./documents.ts";
import type { PostgresEngine } from "./engine.ts";
import { DocumentSet, readPostings, type PostingRow } from "./postings.ts";
import { COUNTS, KINDS, keyOf, LAYOUT, TABLE, type Holding, type Kind, type Lookup } from "./scopeLookups.ts";
import { vocabularyOf } from "./vocabulary.ts";

export class ScopeFetches {
  private readonly done = new Set<string>();
  private readonly missed = new Map<string, Lookup>();
  /** A lookup was missed in this run: what the answer does after it may be a path it would not take. */
  private guessing = false;
  /** Each fetched term's counts (all 0: the corpus does not hold it). */
  readonly counts = new Map<string, Counts>();
  private readonly vocabulary = new Map<string, string[]>();
  /** Per index: every document of the words walked. */
  private readonly every: Record<Kind, Map<string, Holding>> = { sentences: new Map(), events: new Map(), quotes: new Map() };
  /**
   * The events' postings fetched before the engine read its events (an event suggestion looks its words up while it
   * waits for them): by stable id, placed by the scope made once they are read (takeOver).
   */
  private readonly unplaced = new Map<string, PostingRow[]>();
  /** An AND search's results by its lookup's key: positions of documents holding every group's term. */
  private readonly allOf = new Map<string, number[]>();
  /**
   * The sentences' texts read for this question, by position, and those an answer asked for that are not fetched
   * yet: it reads "" for them meanwhile (its result is not used), and they come in one round trip for the next run.
   */
  private readonly texts = new Map<number, string>();
  private readonly missingTexts = new Set<number>();

  constructor(
    private readonly engine: PostgresEngine,
    private readonly pool: pg.Pool,
    /** Called when counts arrive: what was built from the counts before is out of date. */
    private readonly countsChanged: () => void,
  ) {}

  /**
   * Takes over what `before` (the same question's fetches before a part of the knowledge base was read) fetched that
   * no part changes: the words' counts and stored variants (kb_term) and the sentences' texts (by position, read in
   * the first stage). Not the documents (by the positions of the part's rows, unknown before it was read).
   */
  takeOver(before: ScopeFetches): void {
    for (const [term, counts] of before.counts) this.counts.set(term, counts);
    for (const [key, variants] of before.vocabulary) {
      this.vocabulary.set(key, variants);
      this.done.add(key);
    }
    for (const [position, text] of before.texts) this.texts.set(position, text);
    // Documents placed by positions the engine had then are placed as it has them now (a kind's positions never change
    // once read); those fetched before the events were read are placed once they are (holding).
    for (const kind of KINDS)
      for (const [term, holding] of before.every[kind]) {
        this.every[kind].set(term, holding);
        this.done.add(keyOf({ kind, term, every: true }));
      }
    for (const [term, rows] of before.unplaced) {
      this.unplaced.set(term, rows);
      this.done.add(keyOf({ kind: "events", term, every: true }));
    }
  }

  get incomplete(): boolean {
    return this.missed.size > 0 || this.missingTexts.size > 0;
  }

  /** A new run of the answer: it is on the path the data fetched so far gives. */
  newRun(): void {
    this.guessing = false;
  }

  /** The text of the sentence at `position` (undefined: not fetched yet, noted). */
  textAt(position: number): string | undefined {
    if (this.engine.textsHeld) {
      const ref = this.engine.base.sentenceRef(position);
      return ref ? this.engine.view.sentence(ref) : "";
    }
    let text = this.texts.get(position);
    if (text === undefined && (text = this.engine.texts.keptText(position)) !== undefined) this.texts.set(position, text);
    if (text === undefined) this.missingTexts.add(position);
    return text;
  }

  private async fetchTexts(): Promise<void> {
    if (this.missingTexts.size === 0) return;
    const positions = [...this.missingTexts];
    this.missingTexts.clear();
    for (const [position, text] of await this.engine.texts.read(positions)) this.texts.set(position, text);
  }

  /** Fetches what the last run missed: its lookups and the sentences' texts it asked for. */
  async fetchMissed(): Promise<void> {
    const lookups = [...this.missed.values()];
    this.missed.clear();
    await Promise.all([this.load(lookups), this.fetchTexts()]);
  }

  /** Fetches the lookups not done yet: vocabulary expansions and counts first, then documents. */
  async load(lookups: Lookup[]): Promise<void> {
    const pending = lookups.filter((l) => !this.done.has(keyOf(l)));
    for (const l of pending) this.done.add(keyOf(l));
    const every = (kind: Kind) => pending.filter((l) => l.kind === kind && "every" in l).map((l) => l.term);
    // A typo's neighbours the engine kept: their counts come with the other words' (below), not from another scan.
    const neighbours = new Map<Lookup, readonly string[]>();
    for (const l of pending) {
      const kept = "distance" in l && !("prefix" in l) && l.distance ? this.engine.neighbours.get(l.term, l.distance) : undefined;
      if (kept) neighbours.set(l, kept);
    }
    await Promise.all([
      this.fetchCounts([...pending.filter((l) => l.kind === "counts").map((l) => l.term), ...[...neighbours.values()].flat()]),
      ...KINDS.map((kind) => this.fetchEvery(kind, every(kind))),
      ...pending.map(async (l) => {
        if (l.kind === "counts" || "every" in l) return;
        if ("all" in l) return this.fetchAll(l.kind, l.all);
        const kept = neighbours.get(l);
        if (kept) {
          // As when they come from the scan: what was built before them is out of date.
          this.vocabulary.set(keyOf(l), [...kept]);
          return this.countsChanged();
        }
        const distance = "distance" in l ? (l.distance ?? 0) : 0;
        const found = await vocabularyOf(this.pool, l.term, "prefix" in l, distance);
        const terms = found.map((f) => f.term);
        if (!("prefix" in l) && distance > 0) this.engine.neighbours.keep(l.term, distance, terms);
        this.vocabulary.set(keyOf(l), terms);
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
    this.countsChanged();
  }

  /**
   * Every document of `kind` holding `term`, if fetched for this question (placed now if it was fetched before the
   * engine read the events) or kept by the engine.
   */
  holding(kind: Kind, term: string): Holding | undefined {
    let holding = this.every[kind].get(term);
    const rows = holding ? undefined : this.unplaced.get(term);
    if (kind === "events" && rows && this.engine.placed(kind)) {
      // Fetched before the events were read, asked for once they are.
      this.unplaced.delete(term);
      this.place(kind, term, rows);
      holding = this.every[kind].get(term);
    }
    if (!holding && (holding = this.engine.kept.get(kind, term))) this.every[kind].set(term, holding);
    return holding;
  }

  /** Every document of `kind` holding each of `terms`, by field: ids only (a document is read when a candidate). */
  private async fetchEvery(kind: Kind, terms: string[]): Promise<void> {
    const wanted = terms.filter((t) => !this.holding(kind, t));
    if (wanted.length === 0) return;
    // Once the engine knows every sentence's length, the postings' lengths would tell it nothing new.
    for (const [term, rows] of await readPostings(this.pool, kind, wanted, { lengths: !this.engine.knowsEveryLength })) {
      if (this.engine.placed(kind)) this.place(kind, term, rows);
      else this.unplaced.set(term, rows);
    }
  }

  /** A term's postings as the documents' positions, kept for the question (and by the engine, if common). */
  private place(kind: Kind, term: string, rows: readonly PostingRow[]): void {
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
    this.engine.kept.keep(kind, term, holding, size);
  }

  /**
   * The documents of `kind` holding a variant of each group's term (an AND search's results); each is read as a
   * candidate when a search asks for them (scopeIndex.ts: not those its boostDocument leaves out).
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

  /** The documents an AND lookup found, once fetched. */
  allOfFound(lookup: Lookup): number[] | undefined {
    return this.allOf.get(keyOf(lookup));
  }

  /** The stored variants a prefix or typo lookup found, once fetched. */
  variants(lookup: Lookup): string[] | undefined {
    return this.vocabulary.get(keyOf(lookup));
  }

  /** Notes a lookup this run lacks; one the answer cannot go on without stops the run (a NotFetched). */
  need(lookups: Lookup[], stop: boolean): void {
    const fresh = lookups.filter((l) => !this.done.has(keyOf(l)));
    // After a miss the run may be on a path the complete data would not take: its needs are not fetched.
    if (!stop || !this.guessing) for (const l of fresh) this.missed.set(keyOf(l), l);
    if (fresh.length > 0) this.guessing = true;
    if (stop && fresh.length > 0) throw new NotFetched();
  }

  /** A term's counts (0 while not fetched, noting it). */
  countsOf(term: string): Counts {
    const c = this.counts.get(term);
    if (!c) this.need([{ kind: "counts", term }], false);
    return c ?? [0, 0, 0, 0, 0, 0];
  }
}
