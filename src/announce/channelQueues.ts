// Sends the record's queue: one worker per channel, in queue order, so a channel that is slow, failing or forbidden
// never holds up another, nor the bot. Apart from announcer.ts, which decides what is queued; this only sends it
// (and says once when a channel cannot be posted in).
import type { Logger } from "../log.ts";
import { backoff } from "./backoff.ts";
import type { AnnouncementRecord } from "./record.ts";
import type { QueuedMessage } from "./recordShape.ts";
import { RecordRewrite } from "./recordRewrite.ts";
import { SendGate } from "./sendGate.ts";
import type { SendMessage } from "./sender.ts";

export class ChannelQueues {
  /** Writes the record again while it cannot be written (nothing is sent meanwhile: record.heads()). */
  private rewrite: RecordRewrite;
  /** Channel → its running worker. */
  private active = new Map<string, Promise<void>>();
  private warnedChannels = new Set<string>();
  /** Channels whose worker failed unexpectedly (the record could not be written): left alone for a while. */
  private heldUntil = new Map<string, number>();
  /** Nothing is sent before `resume()`: the client is not logged in yet while the record is brought up to date. */
  private gate = new SendGate(() => this.pump());

  constructor(
    private record: AnnouncementRecord,
    private send: SendMessage,
    private options: { retryMs: number; log: Logger },
  ) {
    this.rewrite = new RecordRewrite(record, options, () => this.pump());
  }

  /** Starts sending (once the Discord client is logged in, and this process leads). */
  resume(): void {
    this.gate.resume();
  }

  /** Stops starting sends (this process no longer leads); a send in flight finishes and is recorded. */
  pause(): void {
    this.gate.pause();
  }

  /**
   * Stops sending; resolves once the messages being sent are recorded as sent (a clean shutdown sends nothing
   * twice), or after `waitMs` when Discord is slow to answer (the message nonce covers a repeat then).
   */
  async stop(waitMs = 5000): Promise<void> {
    this.gate.stop();
    this.rewrite.stop();
    let timeout: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => (timeout = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.all(this.active.values()), giveUp]);
    clearTimeout(timeout);
  }

  /** Starts a worker for every channel with a message due that has none running, then waits for the next due one. */
  pump(): void {
    this.rewrite.check();
    if (!this.gate.open) return;
    const now = Date.now();
    for (const m of this.record.heads()) {
      if (m.nextAt > now || this.active.has(m.channel) || (this.heldUntil.get(m.channel) ?? 0) > now) continue;
      const worker = this.work(m.channel)
        .catch((err: unknown) => {
          // The record could not be written (the database away): do not spin on the same message, try again later.
          this.heldUntil.set(m.channel, Date.now() + Math.max(this.options.retryMs, 1000));
          this.options.log.error({ channel: m.channel, err }, "announcement queue failed; trying again later");
        })
        .finally(() => {
          this.active.delete(m.channel);
          this.pump();
        });
      this.active.set(m.channel, worker);
    }
    this.schedule();
  }

  private schedule(): void {
    const waiting = this.record.heads().filter((m) => !this.active.has(m.channel));
    this.gate.wakeAt(Math.min(...waiting.map((m) => Math.max(m.nextAt, this.heldUntil.get(m.channel) ?? 0))));
  }

  /** Sends one channel's messages in queue order; stops when the next one must wait (a failure backs off the channel). */
  private async work(channel: string): Promise<void> {
    for (;;) {
      // Paused: this process no longer leads; the next leader sends the rest.
      if (!this.gate.open) return;
      const m = this.record.heads().find((q) => q.channel === channel);
      if (!m || m.nextAt > Date.now()) return;
      // Another process sent it meanwhile (take in the record as stored and go on), or a leader that has not stepped
      // down yet is sending it (leave the channel alone for a moment).
      if (!(await this.record.claim(m.id))) {
        await this.record.refresh();
        if (!this.record.queue().some((q) => q.id === m.id)) continue;
        this.heldUntil.set(channel, Date.now() + Math.max(this.options.retryMs, 1000));
        return;
      }
      const options = { ...(m.role && { role: m.role }), ...(m.thread && { thread: m.thread }), ...(m.edit && { edit: m.edit }) };
      const sent = m.embed;
      const outcome = await this.send(m.channel, sent, m.id, options);
      if (outcome.ok) {
        await this.record.remove(m.id, outcome.id, sent);
        this.warnedChannels.delete(channel);
        this.options.log.info({ channel, what: m.label, attempts: m.attempts + 1 }, m.edit ? "announcement edited" : "announcement sent");
        if (outcome.threadProblem) {
          this.options.log.warn({ channel, what: m.label, reason: outcome.threadProblem }, "announcement sent, but its thread could not be started: the bot needs Create Public Threads there");
        }
        continue;
      }
      if (outcome.kind === "retry") {
        const wait = backoff(this.options.retryMs, m.attempts);
        await this.record.retryLater(m.id, Date.now() + wait, outcome.reason);
        this.options.log.warn({ channel, what: m.label, attempts: m.attempts, retryInMs: wait, reason: outcome.reason }, "announcement not sent yet; queued for a retry");
        return;
      }
      await this.record.remove(m.id);
      this.reportRefusal(m, outcome.kind, outcome.reason);
    }
  }

  private reportRefusal(m: QueuedMessage, kind: "forbidden" | "rejected", reason: string): void {
    const log = this.options.log;
    if (m.edit && kind === "rejected") {
      log.info({ channel: m.channel, what: m.label, reason }, "the announcement to edit is gone (deleted?); left as it is");
      return;
    }
    if (kind === "rejected") {
      log.error({ channel: m.channel, what: m.label, reason }, "Discord refused an announcement; dropped it");
      return;
    }
    if (this.warnedChannels.has(m.channel)) {
      log.debug({ channel: m.channel, what: m.label, reason }, "announcement channel still unusable");
      return;
    }
    this.warnedChannels.add(m.channel);
    log.error(
      { channel: m.channel, what: m.label, reason },
      `cannot post in announcement channel ${m.channel} (${reason}): check that it exists and that the bot can View Channel, Send Messages and Embed Links there, or remove it from ANNOUNCE_CHANNEL_IDS`,
    );
  }
}
