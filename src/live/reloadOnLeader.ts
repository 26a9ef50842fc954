// /reload on a shard that does not lead. The leader alone writes the corpus folder to the knowledge base (corpusWriter.ts):
// another shard asks it to with a request row in state_document, which the leader takes when told (NOTIFY, kbNotices.ts)
// or at its next check (a notification is lost while the leader's listening connection is down, or while no process
// leads), writes, and stores its report under the request's id; once it is there, the asking shard takes the new
// knowledge base in and shows the report.
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
/** How often the leader looks for requests nobody told it of. */
export const RELOAD_CHECK_MS = 1000;

const REQUEST = "reload-request:";
const reportName = (id: string): string => `reload-report:${id}`;

type Outcome = { report: ReloadReport } | { failed: true };

/**
 * The leader's side: takes the requests stored (each once: taking deletes it), writes once for all of them, and stores
 * the report (or that it failed) for each. Looks when told, and every `checkMs` while leading.
 */
export function serveReloads(
  notices: Notices,
  leadership: Pick<Leadership, "leading">,
  write: () => Promise<ReloadReport>,
  pool: Pick<pg.Pool, "query">,
  log: Logger,
  checkMs = RELOAD_CHECK_MS,
): { close(): void } {
  let taking: Promise<void> | undefined;
  const take = async (): Promise<void> => {
    const { rows } = await pool.query<{ name: string }>("DELETE FROM state_document WHERE starts_with(name, $1) RETURNING name", [REQUEST]);
    if (rows.length === 0) return;
    const outcome = await write().then<Outcome, Outcome>((report) => ({ report }), () => ({ failed: true }));
    const names = rows.map((r) => reportName(r.name.slice(REQUEST.length)));
    await pool.query(
      "INSERT INTO state_document (name, value) SELECT unnest($1::text[]), $2 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      [names, JSON.stringify(outcome)],
    );
  };
  // One look at a time: a request that comes during a write is taken at the next look, for a write of its own.
  const look = (): void => {
    if (!leadership.leading || taking) return;
    taking = take()
      .catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, "could not serve a reload another shard asked for; trying again at the next check"))
      .finally(() => (taking = undefined));
  };
  notices.on(RELOAD_ASKED, look);
  const timer = setInterval(look, checkMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}

/** How long a shard waits for the report and how often it looks for it (tests shorten them). */
export interface ReloadTiming {
  waitMs?: number;
  pollMs?: number;
}

/** A follower's side: asks the leader to reload, waits for its report, and takes the new knowledge base in. */
export async function reloadOnLeader(pool: Pick<pg.Pool, "query">, takeIn: () => Promise<unknown>, timing: ReloadTiming = {}): Promise<ReloadReport> {
  const { waitMs = RELOAD_WAIT_MS, pollMs = POLL_MS } = timing;
  const id = randomBytes(8).toString("hex");
  await pool.query("INSERT INTO state_document (name, value) VALUES ($1, 'true')", [`${REQUEST}${id}`]);
  // At once if the leader is listening; otherwise at its next check.
  await notify(pool, RELOAD_ASKED, id);
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const { rows } = await pool.query<{ value: Outcome }>("DELETE FROM state_document WHERE name = $1 RETURNING value", [reportName(id)]);
    const outcome = rows[0]?.value;
    if (!outcome) continue;
    if ("failed" in outcome) throw new UserError("reload-elsewhere", "The shard that reads the corpus folder could not reload it: its log says why.");
    await takeIn();
    return outcome.report;
  }
  // Not taken by now: no leader is to write for a shard that stopped waiting.
  await pool.query("DELETE FROM state_document WHERE name = $1", [`${REQUEST}${id}`]).catch(() => undefined);
  throw new UserError(
    "reload-elsewhere",
    "The corpus folder is read by the shard that leads, and it did not answer in time. It writes new articles by itself as they arrive; try `/reload` again in a moment.",
  );
}
