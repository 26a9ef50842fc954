// Telling of a reload once its snapshot is in (liveKnowledge.ts): a log line naming what changed, a warning when the
// folder holds no valid article any more, and each listener (the bot's, which announces the articles added) called in
// turn, its errors logged, never thrown into the update that made the snapshot.
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import type { Logger } from "../log.ts";
import type { Snapshot } from "../pipeline/snapshot.ts";

export type ReloadListener = (report: ReloadReport, snapshot: Snapshot) => void | Promise<void>;

export class ReloadNotices {
  private readonly listeners: ReloadListener[] = [];

  constructor(private readonly log: Logger) {}

  add(listener: ReloadListener): void {
    this.listeners.push(listener);
  }

  /** Logs the reload of the corpus folder `dir` that made `snapshot` and tells the listeners, one after another. */
  async tell(report: ReloadReport, snapshot: Snapshot, extracted: number, dir: string): Promise<void> {
    const ids = (refs: ArticleRef[]): string[] => refs.map((r) => r.id);
    this.log.info(
      { added: ids(report.added), changed: ids(report.changed), removed: ids(report.removed), articles: report.articles, extracted, ms: report.ms },
      "corpus reloaded",
    );
    if (snapshot.articles.length === 0) this.log.warn({ dir }, "the corpus folder holds no valid article now");
    for (const listener of this.listeners) {
      try {
        await listener(report, snapshot);
      } catch (err) {
        this.log.error({ err }, "a reload listener failed");
      }
    }
  }
}
