// 429 Too Many Requests on demand, as Discord sends it (https://discord.com/developers/docs/topics/rate-limits):
// a JSON body { message, retry_after (seconds, float), global } and the headers Retry-After (whole seconds, rounded
// up), and for a route's bucket X-RateLimit-Limit / -Remaining / -Reset / -Reset-After / -Bucket / -Scope, or for the
// global limit X-RateLimit-Global and X-RateLimit-Scope: global.

export interface RateLimitRule {
  /** Any method when unset. */
  method?: string;
  /** Matched against the request path as FakeDiscord records it (tokens shown as :token), e.g. /interactions/…/callback. */
  path: RegExp;
  retryAfterMs: number;
  /** The global limit (all routes) rather than one route's bucket. */
  global?: boolean;
  /** A route's limit: per bot ("user") or a resource's shared one ("shared"). */
  scope?: "user" | "shared";
  /** How many matching requests get the 429 (default 1). */
  times?: number;
}

export interface RateLimitHit {
  method: string;
  path: string;
  at: number;
  retryAfterMs: number;
  global: boolean;
  /** The Retry-After header as sent: what a client must wait at least, in seconds. */
  retryAfterHeader: number;
}

export interface TooManyRequests {
  headers: Record<string, string>;
  body: { message: string; retry_after: number; global: boolean };
}

export class FakeRateLimits {
  readonly hits: RateLimitHit[] = [];
  private readonly rules: (RateLimitRule & { left: number })[] = [];

  /** The next `times` requests matching `rule` are answered 429. */
  add(rule: RateLimitRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The 429 for this request when a rule matches it (counted), else undefined. */
  check(method: string, path: string): TooManyRequests | undefined {
    const rule = this.rules.find((r) => r.left > 0 && (!r.method || r.method === method) && r.path.test(path));
    if (!rule) return undefined;
    rule.left -= 1;
    const now = Date.now();
    const seconds = rule.retryAfterMs / 1000;
    const retryAfterHeader = Math.ceil(seconds);
    const global = rule.global === true;
    this.hits.push({ method, path, at: now, retryAfterMs: rule.retryAfterMs, global, retryAfterHeader });
    const headers: Record<string, string> = global
      ? { "retry-after": String(retryAfterHeader), "x-ratelimit-global": "true", "x-ratelimit-scope": "global" }
      : {
          "retry-after": String(retryAfterHeader),
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": ((now + rule.retryAfterMs) / 1000).toFixed(3),
          "x-ratelimit-reset-after": seconds.toFixed(3),
          "x-ratelimit-bucket": `fake-${method}-${path.split("/")[1] ?? ""}`,
          "x-ratelimit-scope": rule.scope ?? "user",
        };
    return { headers, body: { message: "You are being rate limited.", retry_after: Number(seconds.toFixed(3)), global } };
  }
}
