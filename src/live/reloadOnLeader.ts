// /reload on a shard that does not lead. The leader alone writes the corpus folder to the knowledge base (corpusWriter.ts):
// another shard asks it to (NOTIFY, kbNotices.ts) and waits for its report, which the leader stores in state_document
// under the request's id; once it is there, the asking shard takes the new knowledge base in and shows the report.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { ReloadReport } from "../../commands/services.ts";
import type { Leadership } from "../db/leader.ts";
import type { Logger } from "../log.ts";
import { UserError } from "../render/errors.ts";
import { notify, RELOAD_ASKED, type Notices } from "./kbNotices.ts";

/** How long a shard waits for the leader's report (a first write of a large corpus takes minutes). */
export const RELOAD_WAIT_MS = 5 * 60_000;
const POLL_MS = 250;
// A notification sent while the leader's listening connection is not up (yet, or again) is lost: the asking shard
// repeats its request this often until the report is there, and the leader serves each request id once.
const ASK_AGAIN_MS = 2000;

const reportName = (id: string): string => `reload-report:${id}`;

type Outcome = { report: ReloadReport } | { failed: true };

/** The leader's side: writes when a shard asks, and stores the report (or that it failed) for it. */
export function serveReloads(notices: Notices, leadership: Pick<Leadership, "leading">, write: () => Promise<ReloadReport>, pool: Pick<pg.Pool, "query">, log: Logger): void {
  const served = new Set<string>();
  notices.on(RELOAD_ASKED, (id) => {
    if (!leadership.leading || !/^[0-9a-f]{16}$/.test(id) || served.has(id)) return;
    if (served.size >= 1000) served.clear(); // ids are random: only a repeat within the wait matters
    served.add(id);
    void write()
      .then<Outcome, Outcome>((report) => ({ report }), () => ({ failed: true }))
      .then((outcome) => pool.query("INSERT INTO state_document (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [reportName(id), JSON.stringify(outcome)]))
      .catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, "could not store a reload report for the shard that asked"));
  });
}

/** How long a shard waits for the report, how often it looks for it and how often it asks again (tests shorten them). */
export interface ReloadTiming {
  waitMs?: number;
  pollMs?: number;
  askAgainMs?: number;
}

/** A follower's side: asks the leader to reload, waits for its report, and takes the new knowledge base in. */
export async function reloadOnLeader(pool: Pick<pg.Pool, "query">, takeIn: () => Promise<unknown>, timing: ReloadTiming = {}): Promise<ReloadReport> {
  const { waitMs = RELOAD_WAIT_MS, pollMs = POLL_MS, askAgainMs = ASK_AGAIN_MS } = timing;
  const id = randomBytes(8).toString("hex");
  await notify(pool, RELOAD_ASKED, id);
  let askedAt = Date.now();
  const until = askedAt + waitMs;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (Date.now() - askedAt >= askAgainMs) {
      await notify(pool, RELOAD_ASKED, id);
      askedAt = Date.now();
    }
    const { rows } = await pool.query<{ value: Outcome }>("DELETE FROM state_document WHERE name = $1 RETURNING value", [reportName(id)]);
    const outcome = rows[0]?.value;
    if (!outcome) continue;
    if ("failed" in outcome) throw new UserError("reload-elsewhere", "The shard that reads the corpus folder could not reload it: its log says why.");
    await takeIn();
    return outcome.report;
  }
  throw new UserError(
    "reload-elsewhere",
    "The corpus folder is read by the shard that leads, and it did not answer in time. It writes new articles by itself as they arrive; try `/reload` again in a moment.",
  );
}
