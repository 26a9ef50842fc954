// DIGEST_CRON: at each tick, the next quote of the rotation goes to the announcement channels through the
// announcer's queue (so a failed post is retried like an announcement).
import { Cron } from "croner";
import type { Announcer } from "../announce/announcer.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { composeDigest } from "./compose.ts";
import type { DigestRotation } from "./rotation.ts";

export function scheduleDigest(cron: string, rotation: DigestRotation, announcer: Announcer, currentKb: () => KnowledgeBase, log: Logger): Cron {
  return new Cron(cron, { protect: true, catch: (err) => log.error({ err }, "quote of the day failed") }, async () => {
    const kb = currentKb();
    const quote = await rotation.next(kb.quotes);
    if (!quote) {
      log.info("quote of the day: the corpus has no quote yet");
      return;
    }
    await announcer.post(composeDigest(kb, quote), "digest");
  });
}
