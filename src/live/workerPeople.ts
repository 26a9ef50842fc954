// The live corpus's worker thread (src/pipeline/warmWorker.ts) merges the people again after an incremental update,
// so it must first know every article's people as the snapshot does: it is taught them after the first build (as
// soon as the corpus is loaded, or when the first change comes) and again after each rebuild. A worker that could
// not learn them, or merged other people than the knowledge base holds, makes the next update a full rebuild.
import type { ArticleFacts } from "../extract/types.ts";
import { articlePeople, type ArticlePeople } from "../kb/incremental.ts";
import type { FactsStore } from "../kb/store.ts";
import type { Logger } from "../log.ts";
import type { Snapshot } from "../pipeline/snapshot.ts";
import type { WarmWorker } from "../pipeline/warmWorker.ts";

type Lesson = { given: ArticlePeople[]; cacheDir?: string };

export class WorkerPeople {
  /**
   * Resolves true once the worker knows every article's people as the snapshot does (false: rebuild fully next).
   * Unset until the worker is first asked to learn them (`taught()`).
   */
  private workerReady: Promise<boolean> | undefined;
  /** What the worker learns first: the people of the first build's facts, when it had them at hand. */
  private firstLesson: Lesson | undefined;

  /** `facts`: the first build's, when it had them at hand; `cacheDir`: where the facts store keeps its files. */
  constructor(
    private readonly worker: WarmWorker,
    private readonly store: FactsStore,
    private readonly log: Logger,
    private readonly cacheDir: string | undefined,
    facts: ArticleFacts[] | undefined,
    first: Snapshot,
  ) {
    this.firstLesson = this.lesson(facts, first);
  }

  /**
   * Whether the worker knows the corpus's people (see workerReady); it starts learning those of `current` now if it
   * has not yet.
   */
  taught(current: Snapshot): Promise<boolean> {
    if (this.workerReady === undefined) {
      const started = Date.now();
      this.log.debug("the live corpus's worker thread starts: the extractors, and every article's people");
      this.workerReady = this.teach(this.firstLesson ?? this.lesson(undefined, current), current).then((taught) => {
        if (taught) this.log.info({ ms: Date.now() - started }, "ready for corpus changes");
        return taught;
      });
      this.firstLesson = undefined;
    }
    return this.workerReady;
  }

  /** After a full rebuild: the worker learns the people of the new snapshot (its build's `facts` if at hand). */
  relearn(facts: ArticleFacts[] | undefined, snapshot: Snapshot): void {
    this.firstLesson = undefined;
    this.workerReady = this.teach(this.lesson(facts, snapshot), snapshot);
  }

  /**
   * Where the worker finds every article's people of a build: in `facts` when the build had them at hand, else in the
   * facts cache (read by the worker itself), else in the facts store.
   */
  private lesson(facts: ArticleFacts[] | undefined, { articles }: Snapshot): Lesson {
    const cacheDir = facts ? undefined : this.cacheDir;
    const given = facts
      ? facts.map(articlePeople)
      : cacheDir !== undefined
        ? []
        : articles.flatMap((a) => {
            const entry = this.store.get(a.hash);
            return entry ? [articlePeople(entry.facts)] : [];
          });
    return { given, ...(cacheDir !== undefined && { cacheDir }) };
  }

  /**
   * Gives the worker every article's people, so that it can merge them after the next update (an article found in
   * none of the lesson's places is extracted again).
   */
  private async teach({ given, cacheDir }: Lesson, snapshot: Snapshot): Promise<boolean> {
    const { articles, kb } = snapshot;
    try {
      const order = articles.map((a) => ({ article: a.id, hash: a.hash }));
      const loaded = await this.worker.load(order, given, cacheDir);
      let people = loaded.people;
      if (loaded.missing.length > 0) {
        const missing = articles.filter((a) => loaded.missing.includes(a.id));
        const outcomes = await this.worker.extract(missing);
        const upserts = outcomes.flatMap((o) => ("facts" in o ? [articlePeople(o.facts)] : []));
        people = (await this.worker.update(order.map((o) => o.article), upserts, [])).people.length;
      }
      if (people === kb.people.length) return true;
      this.log.warn({ people, expected: kb.people.length }, "the live corpus's worker merged other people than the knowledge base holds; the next update rebuilds everything");
    } catch (err) {
      this.log.warn({ err }, "the live corpus's worker thread could not load the corpus; the next update rebuilds everything");
    }
    return false;
  }
}
