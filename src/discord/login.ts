// Logging in when Discord does not answer. discord.js waits as long as its REST and gateway timeouts allow (with
// retries, over a minute) and says nothing meanwhile; an API that accepts the connection and never answers can
// hold it for good. Each attempt gets a deadline: past it the attempt is abandoned (its client destroyed), the wait
// is logged, and a fresh client tries again after a delay that doubles, up to 5 minutes. A token Discord refuses is
// not retried (that is a configuration error); a network failure or a 5xx is, like a timeout.
import type { Client } from "discord.js";
import type { Logger } from "../log.ts";

export const MAX_LOGIN_DELAY_MS = 5 * 60_000;

export interface LoginOptions {
  /** How long one attempt may take, from the first request to the gateway's READY. */
  timeoutMs: number;
  log: Logger;
  /** Whether a failed attempt is worth another (default: no status, or a 5xx). */
  retryable?: (err: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

class LoginTimeout extends Error {}

const transient = (err: unknown): boolean => {
  const e = err as { status?: unknown; code?: unknown };
  if (e.code === "TokenInvalid") return false;
  return typeof e.status !== "number" || e.status >= 500;
};

/**
 * Logs in a client made by `create` (a new one for each attempt) and returns the one that got in. `create` gets the
 * signal that ends its attempt: the client's requests must stop when it fires (createClient's `abandoned`).
 */
export async function loginWithRetry(create: (abandoned: AbortSignal) => Client, token: string, options: LoginOptions): Promise<Client> {
  const { timeoutMs, log } = options;
  const retryable = options.retryable ?? transient;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    const given = new AbortController();
    const client = create(given.signal);
    const login = client.login(token);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new LoginTimeout()), timeoutMs)));
    try {
      await Promise.race([login, deadline]);
      return client;
    } catch (err) {
      given.abort();
      abandon(client, login);
      if (!(err instanceof LoginTimeout) && !retryable(err)) throw err;
      const delay = Math.min(timeoutMs * 2 ** (attempt - 1), MAX_LOGIN_DELAY_MS);
      const why = err instanceof LoginTimeout ? `Discord did not answer the login within ${timeoutMs / 1000} s` : `login failed (${(err as Error).message})`;
      log.warn({ attempt, retryInSeconds: delay / 1000 }, `${why}; trying again in ${delay / 1000} s`);
      await sleep(delay);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Stops an attempt that is given up on. discord.js cannot cancel a login under way: its requests fail from now on
 * (the attempt's signal), the client loses its listeners (it answers nothing) and is destroyed, and destroyed again
 * should that login get through after all.
 */
function abandon(client: Client, login: Promise<unknown>): void {
  client.removeAllListeners();
  client.on("error", () => undefined); // an "error" event with no listener would throw
  void client.destroy().catch(() => undefined);
  login.then(
    () => client.destroy().catch(() => undefined),
    () => undefined,
  );
}
