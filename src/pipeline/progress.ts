// Progress of a long extraction: a bar on a terminal, a log line every few seconds otherwise (a service's log
// should say it is alive and how far it got, not carry a redrawn bar).
import { createRequire } from "node:module";
import type cliProgressType from "cli-progress";
import type { Logger } from "../log.ts";

// The bar's package is loaded when a bar is drawn: every start imports this module (through the extraction), and
// a warm start, which extracts nothing, need not pay the 20 ms of CPU it takes to load.
const load = createRequire(import.meta.url);

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Draw a bar (default: when stderr is a terminal). */
  bar?: boolean;
  /** Seconds between log lines when there is no bar (default 5). */
  everySeconds?: number;
}

export function startProgress(label: string, total: number, log: Logger, options: ProgressOptions = {}): Progress {
  const startedAt = Date.now();
  if (options.bar ?? process.stderr.isTTY === true) {
    const cliProgress = load("cli-progress") as typeof cliProgressType;
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} articles | {percentage}% | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  const every = (options.everySeconds ?? 5) * 1000;
  let lastLog = startedAt;
  const line = (done: number): void => log.info({ done, total, seconds: Math.round((Date.now() - startedAt) / 1000) }, `${label}: ${done} of ${total} articles (${Math.floor((done / total) * 100)} %)`);
  return {
    update: (done) => {
      if (Date.now() - lastLog < every) return;
      lastLog = Date.now();
      line(done);
    },
    stop: () => line(total),
  };
}
