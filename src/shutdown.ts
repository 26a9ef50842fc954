// Stopping on SIGINT and SIGTERM. The first signal starts the clean shutdown the caller describes (stop taking
// work, finish what is in flight, flush state, close the client) and the process exits 0 when it is done. A hard
// timer ends the process anyway after 5 s, with exit code 1 and one log line naming the steps still waiting.
// A second signal does not cut the shutdown short: `npm start` in a terminal can deliver Ctrl-C twice (the
// terminal signals the whole process group and npm forwards the signal as well); the hard timer bounds the wait.
import { safeError } from "./util/safeError.ts";
import type { Logger } from "./log.ts";

export const HARD_EXIT_MS = 5000;

/**
 * How long the shutdown waits for discord.js's client.destroy(): called while a shard waits for READY (a session
 * lost and not yet identified again), it never settles (@discordjs/ws 1.2.3: the READY wait it aborts starts a second
 * destroy that removes the close handler the first awaits). The state is flushed before it, and exiting closes the
 * socket anyway, so past this the shutdown goes on and exits 0 instead of tripping the hard timer.
 */
export const CLIENT_CLOSE_MS = 2000;

/** Waits for `work` at most `ms`; past it calls `late` and resolves. A rejection of `work` in time is passed on. */
export function atMost(work: Promise<unknown>, ms: number, late: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      late();
      resolve();
    }, ms);
  });
  return Promise.race([work.then(() => undefined), waited]).finally(() => clearTimeout(timer));
}

/**
 * Closes the Discord client, the shutdown's last step (the state is flushed before it): waits at most `ms`, and a close
 * that fails is logged, not passed on. The exit code tells a supervisor whether the state was stored, which it was;
 * the exit closes the socket anyway.
 */
export function closeClient(destroy: () => Promise<void>, log: Logger, secrets: readonly string[] = [], ms = CLIENT_CLOSE_MS): Promise<void> {
  const closing = Promise.resolve()
    .then(destroy)
    .catch((err: unknown) => log.warn({ err: safeError(err, secrets) }, "discord client failed to close; exiting without it, the state is stored"));
  return atMost(closing, ms, () =>
    log.warn(`discord client did not close within ${ms / 1000} s (a shard was waiting for Discord); exiting without it, the state is stored`),
  );
}

/** Runs one named step of the shutdown; the names of the steps still running are logged if the hard timer fires. */
export type Step = <T>(name: string, work: Promise<T>) => Promise<T>;

export interface ShutdownOptions {
  log: Logger;
  /** The clean shutdown. */
  run: (step: Step) => Promise<void>;
  hardExitMs?: number;
  /** Strings no log line may carry (the bot token). */
  secrets?: readonly string[];
  /** For tests: where the signals come from and how the process exits. */
  signals?: Pick<NodeJS.EventEmitter, "on">;
  exit?: (code: number) => void;
}

export function exitOnSignals(options: ShutdownOptions): void {
  const { log, run } = options;
  const source = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const hardExitMs = options.hardExitMs ?? HARD_EXIT_MS;
  let started: number | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (started !== undefined) {
      log.info({ signal }, "already shutting down");
      return;
    }
    started = Date.now();
    log.info({ signal }, "shutting down: finishing the work in flight");
    const pending = new Set<string>();
    const step: Step = (name, work) => {
      pending.add(name);
      return work.finally(() => pending.delete(name));
    };
    const timer = setTimeout(() => {
      log.error({ signal, waitingFor: [...pending] }, `shutdown did not finish within ${hardExitMs / 1000} s; exiting anyway`);
      exit(1);
    }, hardExitMs);
    run(step).then(
      () => {
        clearTimeout(timer);
        log.info({ ms: Date.now() - (started as number) }, "stopped");
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        log.error({ err: safeError(err, options.secrets) }, "shutdown failed");
        exit(1);
      },
    );
  };
  source.on("SIGINT", onSignal);
  source.on("SIGTERM", onSignal);
}
