// Bounded HTTP GET for feeds and article pages. Every limit lives here (time, size, redirects, and which addresses
// may be reached: addressGuard.ts), so the rest of the ingestion code sees either a complete, small-enough body
// from a public address or a FetchFault that says whether to try again. undici's own fetch is used (not the global
// one) so that its connections go through an Agent whose DNS lookup is the guarded one.
import { Agent, fetch, type Response } from "undici";
import { addressPolicy, BlockedAddressError, checkLiteralHost, guardedLookup, type Resolver } from "./addressGuard.ts";

export interface FetchLimits {
  /** Whole request, redirects and body included (default 10 s). */
  timeoutMs: number;
  /** Largest body accepted, in bytes (default 5 MB). */
  maxBytes: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects: number;
  /** Hosts that may be on a private or special address (FEEDS_ALLOW_HOSTS); every other host must be public. */
  allowHosts: readonly string[];
  /** DNS, for tests (default: the system's). */
  resolve?: Resolver;
}

export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5, allowHosts: [] };

export const USER_AGENT = "newsdesk-bot/0.1 (feed ingestion)";

export interface FetchRequest {
  accept: string;
  /** Conditional-request validators from the previous response. */
  etag?: string;
  lastModified?: string;
}

export interface Fetched {
  /** Where the body finally came from, after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  contentType: string;
  etag?: string;
  lastModified?: string;
  body: Uint8Array;
}

export type FaultKind = "blocked" | "stopped" | "timeout" | "network" | "http" | "too-large" | "redirects" | "not-html" | "not-feed";

/** A request that gave no usable body. `retry` says whether asking again later can help. */
export class FetchFault extends Error {
  override name = "FetchFault";
  constructor(
    readonly kind: FaultKind,
    message: string,
    readonly retry: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

// 408 and 429 are the server saying "not now"; every other 4xx is about the request and will not change.
const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * GETs `url`, following at most `maxRedirects` redirects by hand (fetch's own follow mode does not say how many it
 * took), streaming the body and stopping as soon as it passes `maxBytes` so a huge page never sits in memory.
 */
export async function fetchLimited(
  url: string,
  request: FetchRequest,
  limits: FetchLimits = DEFAULT_LIMITS,
  stop?: AbortSignal,
): Promise<Fetched> {
  // One deadline for the whole exchange: a server that trickles redirects or bytes cannot stretch it.
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = stop ? AbortSignal.any([deadline, stop]) : deadline;
  try {
    return await fetchWithin(url, request, limits, signal);
  } catch (err) {
    if (err instanceof FetchFault) throw err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause instanceof BlockedAddressError) throw new FetchFault("blocked", cause.message, false);
    if (stop?.aborted) throw new FetchFault("stopped", "stopped before the response was complete", true);
    if (deadline.aborted) throw new FetchFault("timeout", `timed out after ${limits.timeoutMs / 1000} s`, true);
    throw new FetchFault("network", `network error: ${cause?.code ?? cause?.message ?? (err as Error).message}`, true);
  }
}

async function fetchWithin(url: string, request: FetchRequest, limits: FetchLimits, signal: AbortSignal): Promise<Fetched> {
  const headers: Record<string, string> = { accept: request.accept, "user-agent": USER_AGENT };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;
  const dispatcher = agentFor(limits);
  const policy = addressPolicy(limits.allowHosts);
  let current = url;
  for (let hops = 0; ; hops++) {
    // Every hop is checked: an allowed or public host may redirect anywhere.
    const literal = checkLiteralHost(new URL(current), policy);
    if (literal) throw new FetchFault("blocked", literal.message, false);
    const response = await fetch(current, { headers, redirect: "manual", signal, dispatcher });
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get("location");
      if (!location) throw new FetchFault("http", `HTTP ${response.status} without a Location header`, false, response.status);
      if (hops >= limits.maxRedirects)
        throw new FetchFault("redirects", `more than ${limits.maxRedirects} redirects`, false, response.status);
      current = new URL(location, current).href;
      continue;
    }
    const base = {
      url: current,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      ...optional("etag", response.headers.get("etag")),
      ...optional("lastModified", response.headers.get("last-modified")),
    };
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { ...base, notModified: true, body: new Uint8Array() };
    }
    if (response.status >= 400) {
      await response.body?.cancel().catch(() => undefined);
      const retry = response.status >= 500 || RETRYABLE_4XX.has(response.status);
      throw new FetchFault("http", `HTTP ${response.status}`, retry, response.status);
    }
    return { ...base, notModified: false, body: await readCapped(response, limits.maxBytes) };
  }
}

// One Agent per set of limits (a context's), so connections are reused within a pass and the guard is always on.
const agents = new WeakMap<FetchLimits, Agent>();

function agentFor(limits: FetchLimits): Agent {
  let agent = agents.get(limits);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(addressPolicy(limits.allowHosts), limits.resolve) } });
    agents.set(limits, agent);
  }
  return agent;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new FetchFault("too-large", `larger than ${formatBytes(maxBytes)}`, false);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // The declared length can be absent or wrong (chunked encoding), so the count of real bytes decides.
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${n} bytes`;
}
