// The large indexes of a live corpus (events, quotes, sentences), updated in place as articles come and go
// instead of built again: adding an article costs its own documents, not the corpus's. Documents are kept under
// ids of their own (slots, reused once free); each snapshot gets a table from those ids to its positions (see
// positioned.ts), so a snapshot never sees an article it does not hold, whether it is still being added or already
// being removed. Documents are removed with the exact text they were added with, so the index, its term counts and
// its scores end up as a full build of the same corpus would make them.
import type MiniSearch from "minisearch";
import { sentenceCount } from "../kb/sentenceStore.ts";
import type { EventTable } from "../kb/eventTable.ts";
import type { KbArticle, KbEvent, KbQuote, KnowledgeBase } from "../kb/types.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";
import type { LiveSource } from "./indexes.ts";
import { eventDocument } from "./indexDocuments.ts";
import type { Postings } from "./postings.ts";
import type { PositionTable } from "./positioned.ts";
import type { TermCounter } from "./rareLead.ts";
import { indexTerm, tokenize } from "./text.ts";

/** One article version's documents: their ids in each index, and what was indexed (to remove it again). */
interface ArticleDocs {
  sentences: number[];
  events: number[];
  quotes: number[];
  /** Quoted fragments: documents of the quote index too, which a snapshot places after every quote. */
  fragments: number[];
  /** The sentence of each event (all its document reads): the knowledge base's events are packed (eventTable.ts). */
  eventSentences: readonly number[];
  quoteList: readonly KbQuote[];
  fragmentList: readonly KbQuote[];
  /** Counted out of the document frequencies already (no later snapshot holds it). */
  retired: boolean;
}

type Kind = "sentences" | "events" | "quotes";

/** Ids of one index: the next never used, and those freed. */
class Slots {
  private next = 0;
  private readonly free: number[] = [];
  constructor(used: number) {
    this.next = used;
  }
  take(): number {
    return this.free.pop() ?? this.next++;
  }
  release(id: number): void {
    this.free.push(id);
  }
  get capacity(): number {
    return this.next;
  }
}

/** Releases the event loop now and then: work on the main thread is done in slices of about this many ms. */
const SLICE_MS = 8;

export class LivePostings {
  private readonly docs = new Map<KbArticle, ArticleDocs>();
  private readonly slots: Record<Kind, Slots>;
  private readonly quoteFrequencies: Map<string, number>;
  private lastBreak = performance.now();

  /** Takes over the indexes of a full build (or a loaded one) of `kb`, whose document ids are its positions. */
  constructor(
    private readonly postings: Postings,
    kb: KnowledgeBase,
  ) {
    this.quoteFrequencies = new Map(postings.quoteFrequencies.counts);
    const quotes = byArticle(kb.quotes);
    const fragments = byArticle(kb.fragments);
    const events = eventSentencesByArticle(kb.events);
    let [sentence, event, quote] = [0, 0, 0];
    for (const a of kb.articles) {
      const eventSentences = events.get(a.id) ?? [];
      const quoteList = quotes.get(a.id) ?? [];
      const fragmentList = fragments.get(a.id) ?? [];
      this.docs.set(a, {
        sentences: Array.from({ length: sentenceCount(a) }, () => sentence++),
        events: eventSentences.map(() => event++),
        quotes: quoteList.map(() => quote++),
        fragments: [],
        eventSentences,
        quoteList,
        fragmentList,
        retired: false,
      });
    }
    for (const docs of this.docs.values()) docs.fragments = docs.fragmentList.map(() => quote++);
    this.slots = { sentences: new Slots(sentence), events: new Slots(event), quotes: new Slots(quote) };
  }

  /** Adds an article (new, or a new version) with its events, quotes and fragments; a snapshot sees it once it lists it. */
  async add(article: KbArticle, events: readonly KbEvent[], quotes: readonly KbQuote[], fragments: readonly KbQuote[]): Promise<void> {
    if (this.docs.has(article)) return;
    const docs: ArticleDocs = { sentences: [], events: [], quotes: [], fragments: [], eventSentences: events.map((e) => e.sentence), quoteList: quotes, fragmentList: fragments, retired: false };
    this.docs.set(article, docs);
    const p = this.postings;
    for (const s of article.sentences) {
      const id = this.slots.sentences.take();
      docs.sentences.push(id);
      counted(p.sentences, p.sentenceTerms, 1, () => p.sentences.add({ id, text: s.text }));
      await this.breather();
    }
    for (const e of events) {
      const id = this.slots.events.take();
      docs.events.push(id);
      const doc = eventDocument(id, article, e);
      counted(p.events, p.eventTerms, 1, () => p.events.add(doc));
      await this.breather();
    }
    for (const [list, ids] of [[quotes, docs.quotes], [fragments, docs.fragments]] as const) {
      for (const q of list) {
        const id = this.slots.quotes.take();
        ids.push(id);
        p.quotes.add({ id, text: q.text });
        count(this.quoteFrequencies, q.text, 1);
        await this.breather();
      }
    }
  }

  /**
   * Counts an article version out of the document frequencies that snapshots made from now on copy: call before
   * making the first snapshot without it (its documents stay, hidden, until `remove`).
   */
  async retire(article: KbArticle): Promise<void> {
    const docs = this.docs.get(article);
    if (!docs || docs.retired) return;
    docs.retired = true;
    for (const q of [...docs.quoteList, ...docs.fragmentList]) {
      count(this.quoteFrequencies, q.text, -1);
      await this.breather();
    }
  }

  /** Removes an article version added before (or taken over from the build): snapshots that list it must be gone. */
  async remove(article: KbArticle): Promise<void> {
    await this.retire(article);
    const docs = this.docs.get(article);
    if (!docs) return;
    this.docs.delete(article);
    const p = this.postings;
    for (const [i, s] of article.sentences.entries()) {
      const id = docs.sentences[i] as number;
      counted(p.sentences, p.sentenceTerms, -1, () => p.sentences.remove({ id, text: s.text }));
      this.slots.sentences.release(id);
      await this.breather();
    }
    for (const [i, sentence] of docs.eventSentences.entries()) {
      const id = docs.events[i] as number;
      const doc = eventDocument(id, article, { sentence });
      counted(p.events, p.eventTerms, -1, () => p.events.remove(doc));
      this.slots.events.release(id);
      await this.breather();
    }
    for (const [list, ids] of [[docs.quoteList, docs.quotes], [docs.fragmentList, docs.fragments]] as const) {
      for (const [i, q] of list.entries()) {
        const id = ids[i] as number;
        p.quotes.remove({ id, text: q.text });
        this.slots.quotes.release(id);
        await this.breather();
      }
    }
  }

  /** What a snapshot of `kb` sees: every article of `kb` must have been added (in slices: see src/util/slices.ts). */
  *source(kb: KnowledgeBase): Sliced<LiveSource> {
    const tables = { sentences: this.table("sentences"), events: this.table("events"), quotes: this.table("quotes") };
    const lengths: number[] = [];
    const { sentences, events, quotes } = tables;
    void this.postings.sentences.documentCount; // a saved sentence index fills its lengths when it loads
    const sentenceLengths = this.postings.sentenceLengths;
    yield* eachSliced(kb.articles, (a) => {
      const docs = this.docs.get(a);
      if (!docs) throw new Error(`live postings: article "${a.id}" of this snapshot was never added`);
      for (const id of docs.sentences) {
        sentences.positions[id] = sentences.count++;
        lengths.push(sentenceLengths[id] ?? 0);
      }
      for (const id of docs.events) events.positions[id] = events.count++;
      for (const id of docs.quotes) quotes.positions[id] = quotes.count++;
    });
    // The fragments after every quote, as a full build numbers them (indexDocuments.ts's quoteDocs).
    yield* eachSliced(kb.articles, (a) => {
      for (const id of (this.docs.get(a) as ArticleDocs).fragments) quotes.positions[id] = quotes.count++;
    });
    // The counts themselves, not copies (tens of thousands of terms): while the next update is applied, this
    // snapshot's term weights move a little towards the next snapshot's, as its index statistics do.
    const quoteFrequencies = { counts: this.quoteFrequencies, documents: tables.quotes.count };
    return { postings: { ...this.postings, quoteFrequencies }, ...tables, sentenceLengths: lengths };
  }

  private table(kind: Kind): PositionTable {
    return { positions: new Int32Array(this.slots[kind].capacity).fill(-1), count: 0 };
  }

  /** Lets the event loop run when this slice has taken long enough. */
  private async breather(): Promise<void> {
    if (performance.now() - this.lastBreak < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastBreak = performance.now();
  }
}

/** Adds or removes a document with its terms counted (+1) or uncounted (-1), and the counter's total kept right. */
function counted(index: MiniSearch, counter: TermCounter, sign: 1 | -1, change: () => void): void {
  counter.recount(sign);
  try {
    change();
  } finally {
    counter.done(index.documentCount);
  }
}

/** One text's distinct index terms counted into (or out of) document frequencies, as documentFrequencies counts them. */
function count(df: Map<string, number>, text: string, sign: 1 | -1): void {
  const seen = new Set(tokenize(text).map(indexTerm).filter((t): t is string => t !== null));
  for (const t of seen) {
    const n = (df.get(t) ?? 0) + sign;
    if (n > 0) df.set(t, n);
    else df.delete(t);
  }
}

/** The sentence of each event, by article (in the table's order). */
function eventSentencesByArticle(events: EventTable): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < events.length; i++) {
    const article = events.article(i);
    const l = out.get(article);
    if (l) l.push(events.sentence(i));
    else out.set(article, [events.sentence(i)]);
  }
  return out;
}

function byArticle<T extends { article: string }>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const l = out.get(x.article);
    if (l) l.push(x);
    else out.set(x.article, [x]);
  }
  return out;
}
