// Follow DMs. Each new story is matched against every member's follows (src/answer/articleMatch.ts); what it holds
// for a member joins that member's next DM. A member gets at most one DM per interval (FOLLOW_DM_INTERVAL_SECONDS):
// the first new article goes out at once, the ones after it within the interval are folded into the next DM. DMs
// go out one at a time (Discord watches bots that DM many people at once), in the order they fall due. A DM Discord
// cannot take for now (5xx, network) is retried with backoff, a few times; a member whose DMs are closed (50007) is
// not retried, and nothing more is queued for them until their next command has told them (src/discord/router.ts).
import type { APIEmbed } from "discord.js";
import { whatMatches, type FollowCriterion } from "../answer/articleMatch.ts";
import { backoff } from "../announce/backoff.ts";
import { RecordRewrite } from "../announce/recordRewrite.ts";
import { SendGate } from "../announce/sendGate.ts";
import { toApiEmbed } from "../discord/payload.ts";
import { readArticleTexts } from "../kb/articleTexts.ts";
import type { KnowledgeBase } from "../kb/types.ts";
import type { Logger } from "../log.ts";
import { composeFollowDm } from "./compose.ts";
import type { SendDm } from "./sender.ts";
import type { FollowStore, OutgoingDm, PendingArticle, StoredFollow } from "./store.ts";

export interface NotifierOptions {
  /** At most one DM per member in this long. */
  intervalMs: number;
  /** First retry delay for a DM Discord could not take; doubles per attempt. */
  retryMs: number;
  log: Logger;
  /** Attempts before a DM that keeps failing is given up (default 5). */
  maxAttempts?: number;
}

export const criterionOf = (f: StoredFollow): FollowCriterion =>
  f.kind === "words" ? { kind: "words", phrase: f.label } : { kind: "person", key: { name: f.label, names: f.names ?? [] } };

export class FollowNotifier {
  private running: Promise<void> | undefined;
  /** Nothing is sent before `resume()`: the client is not logged in yet. */
  private gate = new SendGate(() => this.pump());
  /** Writes the follows again while they cannot be written (no DM is sent meanwhile: sendDue). */
  private rewrite: RecordRewrite;

  constructor(
    private store: FollowStore,
    private send: SendDm,
    private options: NotifierOptions,
  ) {
    this.rewrite = new RecordRewrite(store, options, () => this.pump(), {
      name: "follows",
      held: "no follow DM is sent until they can be",
      resumed: "the follow DMs waiting are sent",
    });
    // A /follow or /unfollow that cannot be stored is told at once, not at the next DM.
    store.onChanged(() => this.rewrite.check());
  }

  /** New stories: what each one holds for each member's follows joins that member's next DM. */
  async articlesAdded(kb: KnowledgeBase, ids: readonly string[], now = Date.now()): Promise<void> {
    const open = () => this.store.followers().filter(([, member]) => !member.closed);
    if (ids.length === 0 || open().length === 0) return;
    // Read once for every member (from the database, where the knowledge base holds no text); a failure leaves the
    // articles' DMs out. The members as they are once it is read.
    const texts = await readArticleTexts(kb, ids);
    const entries: { user: string; articles: PendingArticle[]; dueAt: number }[] = [];
    for (const [user, member] of open()) {
      const criteria = member.follows.map(criterionOf);
      const articles = ids.flatMap((id): PendingArticle[] => {
        const items = whatMatches(kb, id, criteria, texts);
        const a = kb.articles.find((x) => x.id === id);
        return items.length > 0 && a ? [{ id, title: a.title, outlet: a.outlet, published: a.published, ...(a.url && { url: a.url }), items }] : [];
      });
      if (articles.length === 0) continue;
      entries.push({ user, articles, dueAt: Math.max(now, (member.lastDmAt ?? 0) + this.options.intervalMs) });
    }
    if (entries.length === 0) return;
    await this.store.queue(entries);
    this.options.log.info({ articles: ids.length, members: entries.length }, "new articles queued for the members who follow them");
    this.pump();
  }

  resume(): void {
    this.gate.resume();
  }

  /** Stops starting DMs (this process no longer leads); one being sent finishes. */
  pause(): void {
    this.gate.pause();
  }

  /** Stops sending; resolves once the DM being sent (if any) is recorded. */
  async stop(): Promise<void> {
    this.gate.stop();
    this.rewrite.stop();
    await this.running;
  }

  pump(): void {
    this.rewrite.check();
    if (!this.gate.open || this.running) return;
    this.running = this.sendDue()
      .catch((err: unknown) => this.options.log.error({ err }, "follow DMs failed; trying again later"))
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }

  private schedule(): void {
    this.gate.wakeAt(Math.min(...this.store.outbox().map((d) => d.dueAt)));
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const due = this.store.outbox().filter((d) => d.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt)[0];
      // Paused: this process no longer leads, and the next leader sends the rest. Follows changed only in memory (their
      // file's write failed): a DM sent now could be sent again after a restart.
      if (!this.gate.open || !due || this.store.unstored) return;
      // What goes out is what was due now: articles joining while it is sent wait for the next DM.
      const dm: OutgoingDm = structuredClone(due);
      const message = composeFollowDm(dm.articles);
      const outcome = await this.send(dm.user, { content: message.content, embeds: message.embeds.map(toApiEmbed) as APIEmbed[] });
      await this.settle(dm, outcome);
    }
  }

  private async settle(dm: OutgoingDm, outcome: Awaited<ReturnType<SendDm>>): Promise<void> {
    const { log, intervalMs, retryMs, maxAttempts = 5 } = this.options;
    const now = Date.now();
    const fields = { user: dm.user, articles: dm.articles.length };
    if (outcome.ok) {
      await this.store.sent(dm, now, intervalMs);
      log.info(fields, "follow DM sent");
    } else if (outcome.kind === "closed") {
      await this.store.dropped(dm, now, true);
      log.info({ ...fields, reason: outcome.reason }, "the member's DMs are closed: no retry; their next command tells them");
    } else if (outcome.kind === "retry" && dm.attempts + 1 < maxAttempts) {
      const wait = backoff(retryMs, dm.attempts);
      await this.store.retryLater(dm, now + wait);
      log.warn({ ...fields, attempts: dm.attempts + 1, retryInMs: wait, reason: outcome.reason }, "follow DM not sent yet; queued for a retry");
    } else {
      await this.store.dropped(dm, now, false);
      log.error({ ...fields, reason: outcome.reason }, "Discord would not take a follow DM; dropped it");
    }
  }
}
