// What the leader's corpus writer (corpusWriter.ts) remembers between writes, so that a write is proportional to the
// change and not to the corpus: the stored articles' hashes and every article's people as the people merge takes them
// (PeopleMerge, src/kb/incremental.ts, as the embedded live corpus does). A new article is extracted alone, the merge
// says which people changed, the next knowledge base is made from the one the process holds (the stored one, as
// every shard reads it), and only the changed people and speakers are written with the article.
// The leader is a shard too: its members' answers wait for whatever runs on its main thread. So the people merge and
// the extraction of a few changed articles run on a worker thread (the embedded live corpus's WarmWorker), and what
// stays here runs in slices: one article added at 50,000 held answers up for 2 s of CPU (7-10 s under load) while the
// merge ran here (bench:leader-update).
// The leader holds no sentence text, as no shard does (src/live/sharedKnowledge.ts): the descriptions of the people a
// write changes are cited through the texts' reader (src/kb/citations.ts): the new articles' texts are at hand, the
// others' are read from the database (a few articles per changed person, most often one).
// The memory is read from the database when the process starts to lead: the stored hashes at once, the people of every
// stored article (not the facts cache: a new leader on another machine extracts nothing it did not change) for the
// worker thread, which a new leader teaches after it took up its work (a takeover waits for no thread to start) or
// when its first write needs it. It is dropped after any failure, so that the next write reads it again instead of
// building on a knowledge base that may not be the stored one.
import type { HeapInfo } from "node:v8";
import type pg from "pg";
import type { Article } from "../corpus/types.ts";
import type { ExtractOutcome } from "../extract/pool.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { citeDescriptions } from "../kb/citations.ts";
import { articlePeople, nextKnowledgeBase, type PeopleDelta } from "../kb/incremental.ts";
import type { KbPerson, KnowledgeBase } from "../kb/types.ts";
import type { ExtractedCorpus } from "../pipeline/extractAll.ts";
import { WarmWorker } from "../pipeline/warmWorker.ts";
import { storedHashes, type WriteScope } from "../search/postgres/kbStore.ts";
import { runInSlices } from "../util/slices.ts";
import { articlesOf, filterSliced, keptAndRemoved, textsAfter } from "./plannedArticles.ts";
import { sameIds, teachWorker, type Taught } from "./workerTeaching.ts";

/** A write worked out: the knowledge base after it, the facts of the articles it writes, and what it touches. */
export interface PlannedWrite {
  kb: KnowledgeBase;
  facts: Map<string, ArticleFacts>;
  /** Every article's hash in `kb`. */
  hashes: Map<string, string>;
  scope: WriteScope;
  extracted: number;
}

interface Memory {
  hashes: Map<string, string>;
  /** The worker thread taught every stored article's people: asked for by the first write that changes something. */
  taught?: Promise<Taught>;
  /** The same, once taught. */
  known?: Taught;
}

export class LeaderKnowledge {
  private memory: Memory | undefined;
  /** The worker thread, started when first needed and stopped when the memory is forgotten. */
  private worker: WarmWorker | undefined;

  /** Armed after each write (and after teaching): when it fires, the worker thread is let go (idleMs, below). */
  private idle: NodeJS.Timeout | undefined;
  /** Plans under way: the thread is not let go under them. */
  private planning = 0;
  /**
   * How long the leader keeps its worker thread (the people merge of every stored article: about
   * 200 MB of RSS at 50,000 articles) after the last write: then it is let go, and the next change teaches a
   * new one first (LEADER_WORKER_IDLE_SECONDS; 0: kept while leading).
   */
  idleMs = 0;

  /**
   * `warm` (CORPUS_WARM_WORKER, default true): a new leader over an unchanged folder starts the worker thread and
   * teaches it at once, so that the first change is written within about a second; false: the first change starts it
   * (a second or two more then), and a leader whose folder does not change never starts it (its memory is saved).
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly warm = true,
  ) {}

  /** Whether the stored hashes are known (else the next plan reads them). */
  get remembers(): boolean {
    return this.memory !== undefined;
  }

  /** The stored articles' hashes by id, when known: what the last write left (corpusWriter stores file signatures against them). */
  get hashes(): ReadonlyMap<string, string> | undefined {
    return this.memory?.hashes;
  }

  /** Forgets everything and stops the worker thread: the next write reads the stored people again (after a failure, or when leading ends). */
  forget(): void {
    this.memory = undefined;
    this.letGo();
  }

  /** Whether the worker thread is running (and holds the people merge). */
  get holdsWorker(): boolean {
    return this.worker !== undefined;
  }

  /** The worker thread's V8 heap statistics, when it runs (the leader benches' memory breakdown). */
  workerHeap(collect = false): Promise<HeapInfo | undefined> {
    return this.worker?.heap(collect) ?? Promise.resolve(undefined);
  }

  /** Stops the worker thread; the stored hashes are kept, the next write that changes something teaches a new one. */
  private letGo(): void {
    clearTimeout(this.idle);
    if (this.memory) this.memory = { hashes: this.memory.hashes };
    void this.worker?.close();
    this.worker = undefined;
  }

  /** Lets the worker thread go after idleMs without a plan (none under way now). */
  private restIdle(): void {
    clearTimeout(this.idle);
    const teaching = this.memory?.taught !== undefined && this.memory.known === undefined; // teachSoon arms it once taught
    if (this.idleMs <= 0 || this.planning > 0 || teaching || !this.worker) return;
    this.idle = setTimeout(() => this.letGo(), this.idleMs);
    this.idle.unref();
  }

  /** Extracts articles on the worker thread, one at a time (outcomes in order): the few a write usually changes. */
  extract(articles: readonly Article[]): Promise<ExtractOutcome[]> {
    return this.thread().extract(articles);
  }

  /**
   * Works out the write that makes the stored knowledge base `folder`'s: `before` is the stored knowledge base as this
   * process holds it, `extract` gives the facts of the articles new or changed. Undefined when nothing changed.
   */
  async plan(before: KnowledgeBase, folder: readonly Article[], extract: (changed: Article[]) => Promise<ExtractedCorpus>): Promise<PlannedWrite | undefined> {
    this.planning++;
    clearTimeout(this.idle);
    try {
      return await this.planNow(before, folder, extract);
    } finally {
      this.planning--;
      this.restIdle();
    }
  }

  private async planNow(before: KnowledgeBase, folder: readonly Article[], extract: (changed: Article[]) => Promise<ExtractedCorpus>): Promise<PlannedWrite | undefined> {
    const memory = await this.remember(before);
    const changed = await runInSlices(filterSliced(folder, (a) => memory.hashes.get(a.id) !== a.hash));
    if (changed.length === 0 && memory.hashes.size === folder.length) {
      // Nothing to write (a new leader over an unchanged folder): the worker is taught meanwhile, not before the
      // leader takes up its work, so that a takeover waits for no thread to start.
      if (this.warm) this.teachSoon(memory, before);
      return undefined;
    }
    // Taught while the changed articles are extracted (a failure is thrown where it is awaited, below).
    const teaching = this.taught(memory, before);
    teaching.catch(() => undefined);
    const extracted = await extract(changed);
    const fresh = new Map(extracted.articles.map((a, i) => [a.id, extracted.facts[i] as ArticleFacts]));
    // An article whose extraction failed is not in the knowledge base (as a build leaves it out).
    const { kept, removed } = await runInSlices(keptAndRemoved(folder, fresh, memory.hashes));
    if (fresh.size === 0 && removed.length === 0) return undefined;
    const articles = await runInSlices(articlesOf(kept, fresh, before));
    const upserts = [...fresh.values()].map(articlePeople);
    const order = kept.map((a) => a.id);
    let taught = await teaching;
    let delta: PeopleDelta;
    try {
      delta = await taught.worker.update(order, upserts, removed);
    } catch {
      // The thread was restarted (an extraction that timed out ends it) and knows no people: taught again, once.
      this.forget();
      taught = await this.taught(await this.remember(before), before);
      delta = await taught.worker.update(order, upserts, removed);
    }
    const base = taught.remerged ? { ...before, people: taught.remerged.people } : before;
    // Every article's speakers renamed as the merge names them, not only those the change renamed.
    if (taught.remerged) delta = { ...delta, speakers: [...new Map([...taught.remerged.speakers, ...delta.speakers])] };
    // The people the change touched are cited once the knowledge base is made, through the texts (not held here).
    const uncited: KbPerson[] = [];
    const kb = await runInSlices(nextKnowledgeBase(base, articles, fresh, delta, undefined, (person) => void uncited.push(person)));
    await citeDescriptions(uncited, textsAfter(before, articles, fresh));
    // A person kept as they were is the same object as before, at the same position when nobody moved.
    const people = taught.remerged ? kb.people.map((_, i) => i) : kb.people.flatMap((p, i) => (p === before.people[i] ? [] : [i]));
    const speakers = delta.speakers.map(([article]) => article);
    return {
      kb,
      facts: fresh,
      hashes: new Map(kept.map((a) => [a.id, a.hash])),
      scope: { expected: memory.hashes, people, speakers },
      extracted: extracted.extracted,
    };
  }

  /** The plan was written: it is what the database holds now. */
  written(plan: PlannedWrite): void {
    if (!this.memory) return;
    this.memory.hashes = plan.hashes;
    if (this.memory.known) delete this.memory.known.remerged;
  }

  private thread(): WarmWorker {
    return (this.worker ??= new WarmWorker());
  }

  /** The stored hashes, read from the database when not known; `before` must be the stored knowledge base. */
  private async remember(before: KnowledgeBase): Promise<Memory> {
    const known = this.memory?.hashes;
    if (this.memory && known?.size === before.articles.length && before.articles.every((a) => known.has(a.id))) return this.memory;
    const hashes = await storedHashes(this.pool);
    if (!sameIds(before, hashes)) throw new Error("leader knowledge: the knowledge base held is not the stored one (it is read again at the next write)");
    this.memory = { hashes };
    return this.memory;
  }

  /** Starts teaching the worker now, without waiting (a failure is tried again by the next write that needs it). */
  private teachSoon(memory: Memory, before: KnowledgeBase): void {
    const teaching = this.taught(memory, before);
    teaching.then(
      () => this.restIdle(),
      () => {
        if (memory.taught === teaching) delete memory.taught;
      },
    );
  }

  private taught(memory: Memory, before: KnowledgeBase): Promise<Taught> {
    return (memory.taught ??= teachWorker(this.pool, this.thread(), before).then((taught) => (memory.known = taught)));
  }

}
