// The fake gateway and the fake 429s must behave as Discord documents them, or the fault tests would prove nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord } from "./fakeDiscord.ts";

const TOKEN = "fake-token";
let fake: FakeDiscord;
beforeAll(async () => {
  // These tests identify back to back: no identify window here (the limit has its own tests below).
  fake = await new FakeDiscord({ token: TOKEN, heartbeatMs: 5000, identifyIntervalMs: 0 }).start();
});
afterAll(async () => fake?.stop());

interface Frame {
  op: number;
  d: Record<string, unknown> | boolean | null;
  s: number | null;
  t: string | null;
}

/** A raw gateway client: every frame received, in order, and the close code. */
async function connect(to = fake) {
  const ws = new WebSocket(`ws://127.0.0.1:${to.port}/gateway?v=10&encoding=json`);
  const frames: Frame[] = [];
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("message", (raw) => frames.push(JSON.parse(String(raw)) as Frame));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const next = (pred: (f: Frame) => boolean) => to.waitFor(() => frames.find(pred), 2000, "a gateway frame");
  const send = (op: number, d: unknown) => ws.send(JSON.stringify({ op, d }));
  return { ws, frames, closed, next, send };
}

describe("fake gateway", () => {
  it("HELLO, heartbeat ACK, READY with session_id and resume_gateway_url; a wrong token is closed with 4004", async () => {
    const bad = await connect();
    expect((await bad.next((f) => f.op === 10)).d).toEqual({ heartbeat_interval: 5000 });
    bad.send(2, { token: "wrong", intents: 1, properties: {} });
    expect(await bad.closed).toBe(4004);

    const c = await connect();
    c.send(1, null);
    await c.next((f) => f.op === 11);
    c.send(2, { token: TOKEN, intents: 1, properties: {} });
    const ready = await c.next((f) => f.t === "READY");
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({ session_id: expect.any(String), resume_gateway_url: `ws://127.0.0.1:${fake.port}/gateway` });
    c.ws.close(1000);
  });

  it("RESUME replays what the session missed, in order, then RESUMED; an unknown session gets op 9 (false)", async () => {
    const c = await connect();
    c.send(2, { token: TOKEN, intents: 1, properties: {} });
    const ready = await c.next((f) => f.t === "READY");
    fake.dispatch("TEST_EVENT", { n: 1 });
    const seen = await c.next((f) => f.t === "TEST_EVENT");
    c.ws.terminate();
    await c.closed;
    fake.dispatch("TEST_EVENT", { n: 2 });
    fake.dispatch("TEST_EVENT", { n: 3 });

    const r = await connect();
    r.send(6, { token: TOKEN, session_id: (ready.d as { session_id: string }).session_id, seq: seen.s });
    await r.next((f) => f.t === "RESUMED");
    const after = r.frames.filter((f) => f.op === 0);
    expect(after.map((f) => [f.t, f.s])).toEqual([["TEST_EVENT", (seen.s ?? 0) + 1], ["TEST_EVENT", (seen.s ?? 0) + 2], ["RESUMED", (seen.s ?? 0) + 3]]);
    expect(after.slice(0, 2).map((f) => (f.d as { n: number }).n)).toEqual([2, 3]);

    const unknown = await connect();
    unknown.send(6, { token: TOKEN, session_id: "no-such-session", seq: 1 });
    expect((await unknown.next((f) => f.op === 9)).d).toBe(false);
    r.ws.close(1000);
    unknown.ws.close(1000);
  });

  it("a zombie connection gets no heartbeat ACK and no events; op 7 and op 9 are sent on demand", async () => {
    const c = await connect();
    c.send(2, { token: TOKEN, intents: 1, properties: {} });
    await c.next((f) => f.t === "READY");
    fake.gateway.requestReconnect();
    await c.next((f) => f.op === 7);
    fake.gateway.invalidateSession(true);
    expect((await c.next((f) => f.op === 9)).d).toBe(true);
    fake.gateway.zombify();
    const count = c.frames.length;
    c.send(1, 1);
    fake.dispatch("TEST_EVENT", { n: 4 });
    await new Promise((r) => setTimeout(r, 200));
    expect(c.frames.length).toBe(count);
    c.ws.close(1000);
  });
});

describe("fake session start limits", () => {
  const identify = (c: Awaited<ReturnType<typeof connect>>, shard: [number, number]) => c.send(2, { token: TOKEN, intents: 1, properties: {}, shard });
  const started: FakeDiscord[] = [];
  afterAll(async () => Promise.all(started.map((f) => f.stop())));
  const limited = async (options: Partial<ConstructorParameters<typeof FakeDiscord>[0]>) => {
    const f = await new FakeDiscord({ token: TOKEN, heartbeatMs: 5000, ...options }).start();
    started.push(f);
    return f;
  };

  it("one IDENTIFY per bucket (shard_id % max_concurrency) per window: one more is answered op 9 (false), another bucket goes on", async () => {
    const f = await limited({ maxConcurrency: 2, identifyIntervalMs: 400 });
    const first = await connect(f);
    identify(first, [0, 4]);
    await first.next((fr) => fr.t === "READY");
    const sameBucket = await connect(f);
    identify(sameBucket, [2, 4]);
    expect((await sameBucket.next((fr) => fr.op === 9)).d).toBe(false);
    expect(sameBucket.frames.some((fr) => fr.t === "READY")).toBe(false);
    const otherBucket = await connect(f);
    identify(otherBucket, [1, 4]);
    await otherBucket.next((fr) => fr.t === "READY");
    expect(f.identifyLimit.refused).toEqual([expect.objectContaining({ shard: 2, bucket: 0 })]);
    // Once the window has passed, the bucket takes the next one.
    await new Promise((r) => setTimeout(r, 400));
    const later = await connect(f);
    identify(later, [2, 4]);
    await later.next((fr) => fr.t === "READY");
    expect(f.identifyLimit.refused).toHaveLength(1);
    for (const c of [first, sameBucket, otherBucket, later]) c.ws.close(1000);
  });

  it("is Discord's by default: 5 s a bucket, 1,000 session starts a day", () => {
    const limit = new FakeDiscord({ token: TOKEN }).identifyLimit;
    expect([limit.intervalMs, limit.total, limit.maxConcurrency]).toEqual([5000, 1000, 1]);
  });

  it("GET /gateway/bot tells the session starts left; past them every session ends (4004) and the token no longer works", async () => {
    const f = await limited({ sessionStarts: 2, identifyIntervalMs: 0 });
    const limit = async () => {
      const res = await fetch(`${f.apiBase}/v10/gateway/bot`, { headers: { authorization: `Bot ${TOKEN}` } });
      return res.status === 200 ? ((await res.json()) as { session_start_limit: Record<string, number> }).session_start_limit : res.status;
    };
    expect(await limit()).toEqual({ total: 2, remaining: 2, reset_after: 24 * 3600_000, max_concurrency: 1 });
    const sessions = [await connect(f), await connect(f)];
    for (const c of sessions) {
      identify(c, [0, 1]);
      await c.next((fr) => fr.t === "READY");
    }
    expect(await limit()).toMatchObject({ remaining: 0, reset_after: expect.any(Number) });
    const third = await connect(f);
    identify(third, [0, 1]);
    expect(await Promise.all([third.closed, ...sessions.map((c) => c.closed)])).toEqual([4004, 4004, 4004]);
    expect(await limit()).toBe(401);
  });
});

describe("fake 429", () => {
  it("answers as Discord does: retry_after in the body, Retry-After and X-RateLimit-* headers, then lets the next one through", async () => {
    const get = () => fetch(`${fake.apiBase}/v10/gateway/bot`, { headers: { authorization: `Bot ${TOKEN}` } });
    fake.rateLimits.add({ method: "GET", path: /^\/gateway\/bot$/, retryAfterMs: 1250 });
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: "You are being rate limited.", retry_after: 1.25, global: false });
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-reset-after")).toBe("1.250");
    expect(limited.headers.get("x-ratelimit-scope")).toBe("user");
    expect(limited.headers.get("x-ratelimit-global")).toBeNull();
    expect((await get()).status).toBe(200);

    fake.rateLimits.add({ path: /^\/gateway\/bot$/, retryAfterMs: 500, global: true });
    const global = await get();
    expect(await global.json()).toMatchObject({ retry_after: 0.5, global: true });
    expect(global.headers.get("x-ratelimit-global")).toBe("true");
    expect(global.headers.get("x-ratelimit-scope")).toBe("global");
  });
});
