// The articles the live corpus builds from: the corpus folder's, less those whose extraction failed (left out, and
// not tried again until their file changes, which gives it a new hash). What the worker thread extracts for an
// update is stored in the facts store here; a failure is logged once.
import path from "node:path";
import type { Article } from "../corpus/types.ts";
import type { ExtractOutcome } from "../extract/pool.ts";
import type { FactsStore } from "../kb/store.ts";
import type { Logger } from "../log.ts";
import { cutNote } from "../pipeline/extractAll.ts";
import { eachSliced, runInSlices } from "../util/slices.ts";
import type { CorpusFiles } from "./corpusFiles.ts";

export class Candidates {
  /** Articles (by hash) whose extraction failed. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly files: CorpusFiles,
    private readonly store: FactsStore,
    private readonly log: Logger,
  ) {}

  /** How many articles were left out so far (it grows when one fails). */
  get leftOutCount(): number {
    return this.failed.size;
  }

  /** Leaves out the article of this hash (its extraction failed, as was logged). */
  leaveOut(hash: string): void {
    this.failed.add(hash);
  }

  isLeftOut(hash: string): boolean {
    return this.failed.has(hash);
  }

  all(): Article[] {
    return this.files.articles().filter((a) => !this.failed.has(a.hash));
  }

  /** The same, in slices. */
  async allSliced(): Promise<Article[]> {
    const all = await this.files.articlesSliced();
    if (this.failed.size === 0) return all;
    const kept: Article[] = [];
    await runInSlices(eachSliced(all, (a) => !this.failed.has(a.hash) && kept.push(a), 4096));
    return kept;
  }

  /** Stores what the worker extracted; an article that failed is logged once and left out. */
  keep(articles: Article[], outcomes: ExtractOutcome[]): void {
    articles.forEach((a, i) => {
      const outcome = outcomes[i] ?? { error: "no result from the worker thread" };
      if ("error" in outcome) {
        this.failed.add(a.hash);
        this.log.warn({ file: a.file }, `skipped ${path.basename(a.file)}: ${outcome.error}`);
        return;
      }
      if (outcome.cutFrom !== undefined) this.log.warn({ file: a.file }, cutNote(a.id, outcome.cutFrom));
      this.store.set(a.hash, { meta: a.meta, facts: outcome.facts });
    });
  }
}
