// DIGEST_CRON: at each tick, the next quote of the rotation goes to the announcement channels through the
// announcer's queue (so a failed post is retried like an announcement). A round that cannot be written posts nothing
// (rotation.ts); that is said once, and the round is written again with backoff until it lands (recordRewrite.ts).
import { Cron } from "croner";
import type { Announcer } from "../announce/announcer.ts";
import { RecordRewrite } from "../announce/recordRewrite.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { composeDigest } from "./compose.ts";
import type { DigestRotation } from "./rotation.ts";

/** The scheduled quote of the day. */
export interface DigestRun {
  nextRun(): Date | null;
  /** A tick is picking or queueing its quote. */
  isBusy(): boolean;
  stop(): void;
}

export function scheduleDigest(
  cron: string,
  rotation: DigestRotation,
  announcer: Announcer,
  currentKb: () => KnowledgeBase,
  options: { retryMs: number; log: Logger },
): DigestRun {
  const { log } = options;
  const rewrite = new RecordRewrite(rotation, options, () => rewrite.check(), {
    name: "quote of the day round",
    held: "no quote of the day is posted until it can be",
    resumed: "the next tick posts the quote of the day",
  });
  const job = new Cron(cron, { protect: true, catch: (err) => log.error({ err }, "quote of the day failed") }, async () => {
    const kb = currentKb();
    const quote = await rotation.next(kb.quotes);
    // Tells a round that could not be written (once) and writes it again; tells when it lands.
    rewrite.check();
    if (!quote) {
      if (!rotation.unstored) log.info("quote of the day: the corpus has no quote yet");
      return;
    }
    await announcer.post(composeDigest(kb, quote), "digest");
  });
  return {
    nextRun: () => job.nextRun(),
    isBusy: () => job.isBusy(),
    stop: () => {
      job.stop();
      rewrite.stop();
    },
  };
}
