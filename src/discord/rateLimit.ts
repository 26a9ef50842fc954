// Per-user rate limits and a cap on concurrent command work.
//
// Each user has three budgets, each a sliding window: slash commands, button presses (page turns and Share: paging is
// quick clicking, so a bigger budget) and autocomplete. A command or press over budget gets a short private note
// saying when to try again; an autocomplete request over budget gets no suggestions, without a lookup, so typing
// fast costs nothing and flooding it costs one empty answer per request.
//
// Commands and button presses then take one of a few work slots shared by everyone. A burst from many users waits
// for a slot (deferred first, so Discord's 3 s never runs out), and each one starts in its own turn of the event loop:
// gateway events, autocomplete above all (never queued), are handled between two answers, not after the burst.
// An answer takes milliseconds and its reply a round trip to Discord, so four slots answer a burst of hundreds in
// seconds: the queue refuses only what it truly cannot serve, when the wait would outlast Discord's 15-minute window
// for the deferred reply, or when the heap is nearly full, or at 5,000 waiting (about 40 MB of interactions).
import { getHeapStatistics } from "node:v8";
import { UserError } from "../render/errors.ts";

export interface LimitOptions {
  /** Slash commands per user per window; 0 turns every per-user limit off (commands, buttons, autocomplete). */
  commands: number;
  /** The window for commands and button presses. */
  windowMs: number;
  /** Button presses per user per window. */
  buttons: number;
  /** Autocomplete requests per user per `autocompleteWindowMs`. */
  autocomplete: number;
  autocompleteWindowMs: number;
  /** Commands and button presses being answered at once, all users together. */
  maxConcurrent: number;
  /** How many may wait for a slot (beyond those running): a bound on the memory they hold. One more is told the bot is busy. */
  maxQueued: number;
  /**
   * The longest wait for a slot that is accepted, as estimated from how long answers hold their slot lately: a
   * deferred reply must be sent within Discord's 15 minutes, so beyond this the bot says it is busy instead.
   */
  maxWaitMs: number;
}

export const LIMIT_DEFAULTS: Readonly<LimitOptions> = {
  commands: 5,
  windowMs: 10_000,
  buttons: 15,
  autocomplete: 20,
  autocompleteWindowMs: 5_000,
  maxConcurrent: 4,
  maxQueued: 5_000,
  maxWaitMs: 12 * 60_000,
};

export const BUSY_NOTE = "Too many questions at once right now. Please try again in a few seconds.";

/** Discord shows `<t:…:R>` as "in 5 seconds", counting down, in the reader's own clock. */
export const slowDownNote = (what: string, limit: number, windowMs: number, retryAt: number): string =>
  `Slow down: at most ${limit} ${what} every ${Math.round(windowMs / 1000)} seconds. Try again <t:${Math.ceil(retryAt / 1000)}:R>.`;

/** At most `limit` uses per key in any `windowMs`; only uses that were allowed count. */
export class SlidingWindow {
  private readonly uses = new Map<string, number[]>();
  private swept = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one use: undefined when allowed, else the time (ms) from which the next use will be. */
  take(key: string): number | undefined {
    const now = this.now();
    this.sweep(now);
    const recent = (this.uses.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.uses.set(key, recent);
      return (recent[0] as number) + this.windowMs;
    }
    recent.push(now);
    this.uses.set(key, recent);
    return undefined;
  }

  /** Users tracked now (bounded by those active within one window). */
  get size(): number {
    return this.uses.size;
  }

  private sweep(now: number): void {
    if (now - this.swept < this.windowMs) return;
    this.swept = now;
    for (const [key, times] of this.uses) if ((times.at(-1) ?? 0) <= now - this.windowMs) this.uses.delete(key);
  }
}

export type Release = () => void;

export interface SlotLimits {
  /** Work at once. */
  max: number;
  /** Work waiting, at most. */
  maxQueued: number;
  /** The longest expected wait accepted (see LimitOptions.maxWaitMs). */
  maxWaitMs?: number;
  /** Whether memory is too short to hold more waiting work (default: the heap is 90 % full). */
  memoryFull?: () => boolean;
  now?: () => number;
}

// What a slot is held for before any has been released: an answer and its reply's round trip.
const FIRST_HOLD_MS = 250;

const heapNearlyFull = (): boolean => {
  const heap = getHeapStatistics();
  return heap.used_heap_size > 0.9 * heap.heap_size_limit;
};

/**
 * A fixed number of slots. Work starts in order, each start in its own turn of the event loop: between two starts
 * (and so between two synchronous answers) pending I/O such as an autocomplete request is handled.
 */
export class WorkSlots {
  private running = 0;
  private readonly waiting: ((release: Release) => void)[] = [];
  private scheduled = false;
  /** How long a slot is held, on average lately (an exponential moving average of the last few dozen). */
  private holdMs = FIRST_HOLD_MS;
  readonly max: number;
  readonly maxQueued: number;
  private readonly maxWaitMs: number;
  private readonly memoryFull: () => boolean;
  private readonly now: () => number;

  constructor(limits: SlotLimits) {
    this.max = limits.max;
    this.maxQueued = limits.maxQueued;
    this.maxWaitMs = limits.maxWaitMs ?? Infinity;
    this.memoryFull = limits.memoryFull ?? heapNearlyFull;
    this.now = limits.now ?? Date.now;
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Whether work asked for now starts at the next turn, without waiting for other work to finish. */
  get free(): boolean {
    return this.running + this.waiting.length < this.max;
  }

  /** How long work asked for now would wait for a slot, as far as can be told. */
  expectedWaitMs(): number {
    const ahead = this.running + this.waiting.length - this.max + 1;
    return ahead <= 0 ? 0 : Math.ceil(ahead / this.max) * this.holdMs;
  }

  /**
   * Resolves with a slot; throws UserError(BUSY_NOTE) at once when it cannot be served: `maxQueued` already wait,
   * the expected wait is over `maxWaitMs`, or memory is short.
   */
  acquire(): Promise<Release> {
    if (!this.free) {
      const full = this.running + this.waiting.length >= this.max + this.maxQueued;
      if (full || this.expectedWaitMs() > this.maxWaitMs || this.memoryFull()) throw new UserError("busy", BUSY_NOTE);
    }
    const slot = new Promise<Release>((resolve) => this.waiting.push(resolve));
    this.schedule();
    return slot;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.running >= this.max) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.waiting.shift();
      if (next && this.running < this.max) {
        this.running += 1;
        next(this.releaser());
      } else if (next) this.waiting.unshift(next);
      this.schedule(); // queued from inside an immediate: runs in the next turn, after timers and I/O
    });
  }

  private releaser(): Release {
    let done = false;
    const taken = this.now();
    return () => {
      if (done) return;
      done = true;
      this.holdMs += (Math.max(1, this.now() - taken) - this.holdMs) / 16;
      this.running -= 1;
      this.schedule();
    };
  }
}

export type Budget = "command" | "button";

/** One router's limits: the per-user budgets and the shared work slots. */
export class InteractionLimits {
  readonly options: Readonly<LimitOptions>;
  readonly slots: WorkSlots;
  private readonly windows?: Record<Budget | "autocomplete", SlidingWindow>;

  constructor(options: Partial<LimitOptions> = {}, now: () => number = Date.now, memoryFull?: () => boolean) {
    const o = { ...LIMIT_DEFAULTS, ...options };
    this.options = o;
    this.slots = new WorkSlots({ max: Math.max(1, o.maxConcurrent), maxQueued: Math.max(0, o.maxQueued), maxWaitMs: o.maxWaitMs, now, ...(memoryFull && { memoryFull }) });
    if (o.commands > 0) {
      this.windows = {
        command: new SlidingWindow(o.commands, o.windowMs, now),
        button: new SlidingWindow(o.buttons, o.windowMs, now),
        autocomplete: new SlidingWindow(o.autocomplete, o.autocompleteWindowMs, now),
      };
    }
  }

  /** Counts a command or button press; throws a UserError saying when to try again when the user is over budget. */
  check(budget: Budget, userId: string): void {
    const retryAt = this.windows?.[budget].take(userId);
    if (retryAt === undefined) return;
    const [what, limit] = budget === "command" ? ["commands", this.options.commands] : ["button presses", this.options.buttons];
    throw new UserError("slow-down", slowDownNote(what, limit, this.options.windowMs, retryAt));
  }

  /** Counts an autocomplete request; false when the user is over budget (answer with no suggestions). */
  allowAutocomplete(userId: string): boolean {
    return this.windows?.autocomplete.take(userId) === undefined;
  }
}
