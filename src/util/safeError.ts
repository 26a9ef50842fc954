// Errors as they may be logged: never the bot token, never an interaction token from a webhook or callback URL.

const TOKEN_PATH = /\/(interactions|webhooks)\/(\d+)\/[A-Za-z0-9._-]+/g;
const BOT_TOKEN_SHAPE = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g;

export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  return out.replace(TOKEN_PATH, "/$1/$2/[token]").replace(BOT_TOKEN_SHAPE, "[redacted]");
}

export interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  status?: number;
  method?: string;
  url?: string;
  stack?: string;
}

/** A plain, token-free description of any thrown value, for the logger. */
export function safeError(err: unknown, secrets: readonly string[] = []): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: scrub(String(err), secrets) };
  const e = err as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  const out: SafeError = { type: e.name, message: scrub(e.message, secrets) };
  if (typeof e.code === "string" || typeof e.code === "number") out.code = e.code;
  if (typeof e.status === "number") out.status = e.status;
  if (typeof e.method === "string") out.method = e.method;
  if (typeof e.url === "string") out.url = scrub(e.url, secrets);
  if (e.stack) out.stack = scrub(e.stack, secrets);
  return out;
}
