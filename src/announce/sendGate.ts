// The gate in front of a sender's pump, shared by the announcement queues (channelQueues.ts) and the follow DMs
// (follow/notifier.ts). Closed until resume(): the client is not logged in yet, or this process does not lead. Closed
// again by pause() when the lead is lost (the next leader sends the rest) and for good by stop() at shutdown. A sender
// asks `open` before every send, not only before the first of a run, so a pause lets the send in flight finish and
// starts no other. One timer wakes the pump when the next message falls due; none is kept while the gate is closed
// (resume() pumps, and the pump schedules again).
export class SendGate {
  private paused = true;
  private halted = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pump: () => void) {}

  /** Sends may start. */
  get open(): boolean {
    return !this.paused && !this.halted;
  }

  /** stop() was called: nothing is sent again. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Opens the gate and pumps (once the client is logged in and this process leads). */
  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Closes the gate until the next resume(); a send in flight finishes. */
  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  /** Closes the gate for good. */
  stop(): void {
    this.halted = true;
    this.clearTimer();
  }

  /** Wakes the pump at `at` (epoch ms; at once if past), instead of any earlier wake-up. Nothing while closed or at Infinity. */
  wakeAt(at: number): void {
    this.clearTimer();
    if (!this.open || !Number.isFinite(at)) return;
    this.timer = setTimeout(this.pump, Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
