// The fake gateway and the fake 429s must behave as Discord documents them, or the fault tests would prove nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord } from "./fakeDiscord.ts";

const TOKEN = "fake-token";
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, heartbeatMs: 5000 }).start();
});
afterAll(async () => fake?.stop());

interface Frame {
  op: number;
  d: Record<string, unknown> | boolean | null;
  s: number | null;
  t: string | null;
}

/** A raw gateway client: every frame received, in order, and the close code. */
async function connect() {
  const ws = new WebSocket(`ws://127.0.0.1:${fake.port}/gateway?v=10&encoding=json`);
  const frames: Frame[] = [];
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("message", (raw) => frames.push(JSON.parse(String(raw)) as Frame));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const next = (pred: (f: Frame) => boolean) => fake.waitFor(() => frames.find(pred), 2000, "a gateway frame");
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
