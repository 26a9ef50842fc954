// Feeds cannot reach the bot's own machine or network: a local HTTP server on 127.0.0.1 is refused when asked
// directly, through a name that resolves to it, and through a redirect from an allowed host; only hosts named in
// FEEDS_ALLOW_HOSTS may be on such addresses. Refusals are one log line and are not retried.
import type { LookupAddress } from "node:dns";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedLookup, addressPolicy, specialRange, type Resolver } from "../../src/ingest/addressGuard.ts";
import { createContext } from "../../src/ingest/context.ts";
import { runFeedPass } from "../../src/ingest/feedPass.ts";
import { FetchFault, fetchLimited, DEFAULT_LIMITS, type FetchLimits } from "../../src/ingest/http.ts";
import { startFeedPolling } from "../../src/ingest/poller.ts";
import { tempDir } from "../support/files.ts";
import { send, startServer, type TestServer } from "../support/httpServer.ts";
import { recordingLog } from "../support/log.ts";
import { rssFeed, storyPage } from "../support/newsSite.ts";

let server: TestServer;
let port: string;
let root: string;

beforeAll(async () => {
  server = await startServer();
  port = new URL(server.base).port;
  root = tempDir("ingest-ssrf-");
  server.route("/secret", send("text/html", storyPage("Internal admin page", "the internal secret")));
  server.route("/feed.xml", send("application/rss+xml", rssFeed("Local", [{ title: "Internal admin page", link: `${server.base}/secret` }])));
  for (const [name, target] of Object.entries({
    loopback: `${server.base}/secret`,
    ipv6: `http://[::1]:${port}/secret`,
    mapped: `http://[::ffff:127.0.0.1]:${port}/secret`,
    metadata: "http://169.254.169.254/latest/meta-data/",
    zero: `http://0.0.0.0:${port}/secret`,
  }))
    server.route(`/to/${name}`, (_req, res) => void res.writeHead(302, { location: target }).end());
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const limits = (extra: Partial<FetchLimits>): FetchLimits => ({ ...DEFAULT_LIMITS, timeoutMs: 3000, ...extra });
const get = (url: string, extra: Partial<FetchLimits> = {}) => fetchLimited(url, { accept: "text/html" }, limits(extra));
/** DNS for names that do not exist: each resolves to the addresses given. */
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  (host, callback) => {
    const addresses = table[host];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }), []);
    callback(null, addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };

describe("which addresses are special", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["100.64.0.1", "carrierGradeNat"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
  ])("%s is %s", (address, range) => {
    expect(specialRange(address)).toBe(range);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(specialRange(address)).toBeUndefined();
  });
});

describe("a fetch", () => {
  it("refuses the local server, by address, without connecting", async () => {
    const before = server.count("/secret");
    const refused = await get(`${server.base}/secret`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FetchFault);
    expect(refused).toMatchObject({ kind: "blocked", retry: false });
    expect((refused as Error).message).toBe("refused: 127.0.0.1 is a loopback address, not a public one (FEEDS_ALLOW_HOSTS can allow this host)");
    expect(server.count("/secret")).toBe(before);
  });

  it("refuses a name that resolves to it, checking the addresses DNS gave", async () => {
    const before = server.count("/secret");
    const resolve = fakeDns({ "news.example": ["127.0.0.1"], "mixed.example": ["8.8.8.8", "::ffff:127.0.0.1"] });
    await expect(get(`http://news.example:${port}/secret`, { resolve })).rejects.toMatchObject({
      kind: "blocked",
      message: expect.stringMatching(/^refused: news\.example \(127\.0\.0\.1\) is a loopback address/),
    });
    await expect(get(`http://mixed.example:${port}/secret`, { resolve })).rejects.toMatchObject({ kind: "blocked" });
    // The machine's own name for itself too.
    await expect(get(`http://localhost:${port}/secret`)).rejects.toMatchObject({ kind: "blocked" });
    expect(server.count("/secret")).toBe(before);
  });

  it("refuses every redirect from an allowed host into a private address, IPv4 and IPv6", async () => {
    const before = server.count("/secret");
    for (const name of ["loopback", "ipv6", "mapped", "metadata", "zero"]) {
      const refused = await get(`http://localhost:${port}/to/${name}`, { allowHosts: ["localhost"] }).catch((e: unknown) => e);
      expect(refused, name).toMatchObject({ kind: "blocked", message: expect.stringMatching(/^refused: /) });
    }
    expect(server.count("/secret")).toBe(before);
  });

  it("reaches a host named in the allow list, at the address it was checked with", async () => {
    const resolve = fakeDns({ "intranet.example": ["127.0.0.1"] });
    const page = await get(`http://intranet.example:${port}/secret`, { resolve, allowHosts: ["Intranet.Example"] });
    expect(page.status).toBe(200);
    expect((await get(`${server.base}/secret`, { allowHosts: ["127.0.0.1"] })).status).toBe(200);
  });
});

describe("the connection's lookup", () => {
  it("resolves once and hands over exactly the addresses it checked, so a rebinding name cannot switch after the check", async () => {
    let calls = 0;
    // Public on odd calls, loopback on even ones: what a rebinding DNS server does between a check and a connect.
    const rebinding: Resolver = (_host, callback) => {
      calls += 1;
      callback(null, [{ address: calls % 2 === 1 ? "8.8.8.8" : "127.0.0.1", family: 4 }]);
    };
    const lookup = guardedLookup(addressPolicy([]), rebinding);
    const ask = () =>
      new Promise<{ err: Error | null; addresses: string | LookupAddress[] }>((resolve) =>
        lookup("rebind.example", { all: true }, (err, addresses) => resolve({ err, addresses })),
      );
    expect(await ask()).toEqual({ err: null, addresses: [{ address: "8.8.8.8", family: 4 }] });
    expect((await ask()).err?.message).toMatch(/^refused: rebind\.example \(127\.0\.0\.1\) is a loopback address/);
    expect(calls).toBe(2);
  });
});

describe("feeds", () => {
  it("skip an item on a private address for good, with the reason, when the feed's own host is allowed", async () => {
    const ctx = createContext(path.join(root, "corpus"), { limits: { timeoutMs: 3000, allowHosts: ["localhost"] } });
    const pass = await runFeedPass({ url: `http://localhost:${port}/feed.xml`, keywords: [] }, ctx);
    expect(pass.outcomes).toMatchObject([{ kind: "skipped", retry: false, reason: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) }]);
    expect(await readdir(path.join(root, "corpus")).catch(() => [])).toEqual([]);
  });

  it("are refused on a private address, said in one log line however often the feed is polled", async () => {
    const { log, lines } = recordingLog("debug");
    const feed = `${server.base}/feed.xml`;
    const feedRequests = server.count("/feed.xml");
    const config = { feeds: feed, feedIntervalMinutes: 30, corpusDir: path.join(root, "corpus"), dataDir: path.join(root, "data") };
    const stop = startFeedPolling(config, { log, intervalMs: 20, startSpreadMs: 0, random: () => 0 });
    const refusals = () => lines.filter((l) => l.msg.startsWith(`feed ${feed} failed`));
    const end = Date.now() + 10_000;
    while (refusals().length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(refusals().length).toBeGreaterThanOrEqual(3);
    const warnings = refusals().filter((l) => l.level >= 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain("refused: 127.0.0.1 is a loopback address");
    expect(server.count("/feed.xml")).toBe(feedRequests);
  });
});
