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
// The fetching and what is fetched are scopeFetches.ts; each small index is scopeIndex.ts; this file puts them
// together as the answers' Indexes.
import type pg from "pg";
import type { CorpusView } from "../../answer/context.ts";
import type { Indexes } from "../../answer/indexes.ts";
import { termCounter } from "../../answer/rareLead.ts";
import { indexTerm } from "../../answer/text.ts";
import type { QueryScope } from "../engine.ts";
import type { PostgresEngine } from "./engine.ts";
import { ScopeFetches } from "./scopeFetches.ts";
import { ScopeIndex } from "./scopeIndex.ts";
import { KINDS, LAYOUT, type Kind, type Lookup } from "./scopeLookups.ts";

export class Scope implements QueryScope {
  private readonly fetches: ScopeFetches;
  private readonly index: Record<Kind, ScopeIndex>;
  private built: Indexes | undefined;
  readonly view: CorpusView;

  constructor(
    private readonly engine: PostgresEngine,
    pool: pg.Pool,
    /** The question's scope before a part was read (its words' counts and variants and its texts are taken over). */
    before?: Scope,
  ) {
    this.fetches = new ScopeFetches(engine, pool, () => {
      this.built = undefined;
      for (const kind of KINDS) this.index[kind].invalidate();
    });
    // Only from a scope of this engine: another's documents are placed by its own positions (an engine made after a write).
    if (before && before.engine === engine) this.fetches.takeOver(before.fetches);
    this.index = {
      sentences: new ScopeIndex("sentences", engine, this.fetches),
      events: new ScopeIndex("events", engine, this.fetches),
      quotes: new ScopeIndex("quotes", engine, this.fetches),
    };
    const { view } = engine;
    this.view = engine.textsHeld ? view : {
      ...view,
      sentence: (ref) => {
        const position = engine.base.sentencePosition(ref);
        return (position !== undefined && this.fetches.textAt(position)) || "";
      },
    };
  }

  get incomplete(): boolean {
    return this.fetches.incomplete;
  }

  get indexes(): Indexes {
    this.fetches.newRun();
    return (this.built ??= this.build());
  }

  complete(): Promise<void> {
    return this.fetches.fetchMissed();
  }

  /** Fetches the lookups not done yet: vocabulary expansions and counts first, then documents. */
  load(lookups: Lookup[]): Promise<void> {
    return this.fetches.load(lookups);
  }

  private build(): Indexes {
    const { base } = this.engine;
    const stats = this.engine.stats;
    const sentenceCounter = this.counter("sentences", stats.sentences);
    const eventCounter = this.counter("events", stats.events);
    return {
      ...base,
      sentences: this.index.sentences.facade(),
      events: this.index.events.facade(),
      quotes: this.index.quotes.facade(),
      sentenceLead: { share: sentenceCounter.share, lengths: this.engine.everyLength() ?? this.sentenceLengths() },
      eventLead: { share: eventCounter.share },
      sentenceIdf: sentenceCounter.idf,
      // As search-index.ts idfWeights over the quotes' document frequencies.
      quoteWeight: (term) => Math.log(1 + stats.quotes / (1 + this.fetches.countsOf(term)[2])),
    };
  }

  /** Each sentence's length by position, as the engine knows it or works it out from the text read for it. */
  private sentenceLengths(): ArrayLike<number> {
    const text = (position: number): string | undefined => this.fetches.textAt(position);
    return new Proxy({ length: this.engine.base.sentenceCount } as ArrayLike<number>, {
      get: (target, key) => (typeof key === "string" && /^\d+$/.test(key) ? (this.engine.sentenceLength(Number(key), text) ?? 0) : Reflect.get(target, key)),
    });
  }

  /** share and idf as a term counter of the whole index answers them (rareLead.ts), from the fetched counts. */
  private counter(kind: Kind, documents: number): { share: (word: string) => number; idf: (term: string) => number } {
    const column = LAYOUT[kind].share;
    const counts = new Map<string, number>();
    for (const [term, c] of this.fetches.counts) if ((c[column] ?? 0) > 0) counts.set(term, c[column] as number);
    const counter = termCounter((t) => t, { counts: [...counts], documents: Math.max(1, documents) });
    return {
      share: (word) => {
        const t = indexTerm(word);
        if (t !== null) this.fetches.countsOf(t);
        return counter.share(word);
      },
      idf: (term) => {
        this.fetches.countsOf(term);
        return counter.idf(term);
      },
    };
  }
}
