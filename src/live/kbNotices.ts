// What the processes sharing PostgreSQL tell each other about the knowledge base, with LISTEN/NOTIFY: the leader's
// writer says when it wrote (every process then reads the new knowledge base at once, instead of at its next poll),
// and a shard that is asked to /reload asks the leader, which alone writes. A notification is lost while a connection
// is down: each process listens on a connection of its own, connected again after a loss (and then looks at the
// knowledge base's version, as a slow poll also does).
import pg from "pg";
import type { Logger } from "../log.ts";

/** The knowledge base was written: its payload, JSON, says which articles (KbWritten). */
export const KB_WRITTEN = "newsdesk_kb_written";
/** A process asks the leader to write the corpus folder now (/reload): the payload is the request's id. */
export const RELOAD_ASKED = "newsdesk_reload_asked";

export interface KbWritten {
  written: number;
  removed: number;
}

/** Sends a notification (delivered when the sending transaction commits, to every process listening). */
export async function notify(db: Pick<pg.Pool, "query">, channel: string, payload: string): Promise<void> {
  await db.query("SELECT pg_notify($1, $2)", [channel, payload]);
}

/** After a write of the folder to the knowledge base that changed it: tells every process. */
export async function announceWrite(db: Pick<pg.Pool, "query">, what: KbWritten): Promise<void> {
  if (what.written + what.removed > 0) await notify(db, KB_WRITTEN, JSON.stringify(what));
}

export interface Notices {
  /** Calls `handler` with each notification's payload on `channel`. */
  on(channel: string, handler: (payload: string) => void): void;
  /** Called each time the listening connection is (again) up: notifications sent while it was down are lost. */
  onConnected(handler: () => void): void;
  close(): Promise<void>;
}

/** Listens on `url` until closed, connecting again (every `retryMs`) whenever the connection is lost. */
export function listenForNotices(url: string, log: Logger, retryMs = 1000): Notices {
  const handlers = new Map<string, ((payload: string) => void)[]>();
  const connected: (() => void)[] = [];
  let client: pg.Client | undefined;
  /** The connection whose LISTENs are all in: a channel added later is listened to on it at once. */
  let listening: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const retry = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
  };
  const lost = (c: pg.Client): void => {
    if (client !== c) return;
    client = undefined;
    listening = undefined;
    c.removeAllListeners();
    c.on("error", () => undefined);
    void c.end().catch(() => undefined);
    retry();
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: "newsdesk-bot notices", keepAlive: true });
    client = c;
    c.on("error", () => lost(c));
    c.on("end", () => lost(c));
    c.on("notification", (n) => {
      for (const handler of handlers.get(n.channel) ?? []) handler(n.payload ?? "");
    });
    try {
      await c.connect();
      for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
      if (closed) return void (await c.end().catch(() => undefined));
      listening = c;
      for (const handler of connected) handler();
    } catch (err) {
      log.debug({ err: { message: (err as Error).message } }, "knowledge base notices: database unavailable; trying again");
      lost(c);
    }
  };

  let started: Promise<void> | undefined;
  return {
    on: (channel, handler) => {
      const list = handlers.get(channel);
      if (list) list.push(handler);
      else {
        handlers.set(channel, [handler]);
        listening?.query(`LISTEN ${channel}`).catch(() => undefined);
      }
      // The first handler starts the connection, once every handler of the caller's turn is in.
      started ??= Promise.resolve().then(connect);
    },
    onConnected: (handler) => void connected.push(handler),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await started;
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      c?.on("error", () => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}
