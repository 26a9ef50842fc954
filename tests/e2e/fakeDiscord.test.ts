// The fake Discord itself must reject what Discord rejects, or the e2e suite would prove nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, FakeDiscord, user } from "./fakeDiscord.ts";

const TOKEN = "fake-token";
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, responseDeadlineMs: 200 }).start();
});
afterAll(async () => fake?.stop());

const alice = user("555555555555555555", "alice");

async function post(path: string, body: unknown, method = "POST"): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const res = await fetch(`${fake.apiBase}/v10${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bot ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const callback = (i: { id: string; token: string }, body: unknown) => post(`/interactions/${i.id}/${i.token}/callback`, body);

describe("fake Discord rules", () => {
  it("10062 after the response deadline", async () => {
    const i = fake.command("who", [], alice);
    await new Promise((r) => setTimeout(r, 250));
    const r = await callback(i, { type: 4, data: { content: "late" } });
    expect(r.status).toBe(404);
    expect(r.json?.code).toBe(10062);
  });

  it("40060 on a second acknowledgement; 10015 for a follow-up before any", async () => {
    const early = fake.command("who", [], alice);
    const f = await post(`/webhooks/${APP_ID}/${early.token}`, { content: "x" });
    expect(f.json?.code).toBe(10015);
    const i = fake.command("who", [], alice);
    expect((await callback(i, { type: 5 })).status).toBe(204);
    const again = await callback(i, { type: 4, data: { content: "again" } });
    expect(again.status).toBe(400);
    expect(again.json?.code).toBe(40060);
    const edit = await post(`/webhooks/${APP_ID}/${i.token}/messages/%40original`, { content: "done" }, "PATCH");
    expect(edit.status).toBe(200);
    expect(i.original?.content).toBe("done");
  });

  it("50035 for too many or too long autocomplete choices", async () => {
    const many = Array.from({ length: 26 }, (_, n) => ({ name: `n${n}`, value: `v${n}` }));
    const long = [{ name: "x".repeat(101), value: "v" }];
    for (const choices of [many, long]) {
      const i = fake.autocomplete("who", [{ name: "name", type: 3, value: "", focused: true }], alice);
      const r = await callback(i, { type: 8, data: { choices } });
      expect(r.json?.code).toBe(50035);
    }
  });

  it("50035 for content over 2,000 characters and embeds over their limits", async () => {
    const bodies = [
      { content: "x".repeat(2001) },
      { embeds: [{ title: "x".repeat(257) }] },
      { embeds: [{ description: "x".repeat(4097) }] },
      { embeds: [{ fields: [{ name: "n", value: "x".repeat(1025) }] }] },
      { embeds: Array.from({ length: 2 }, () => ({ description: "x".repeat(3001) })) },
      { embeds: Array.from({ length: 11 }, () => ({ title: "t" })) },
    ];
    for (const data of bodies) {
      const i = fake.command("who", [], alice);
      const r = await callback(i, { type: 4, data });
      expect(r.json?.code, JSON.stringify(data).slice(0, 80)).toBe(50035);
    }
    const ok = fake.command("who", [], alice);
    expect((await callback(ok, { type: 4, data: { embeds: [{ description: "x".repeat(4096), title: "t".repeat(256) }] } })).status).toBe(204);
  });

  it("channel failures on demand, per channel and for a number of posts; enforce_nonce returns the first message", async () => {
    const [a, b] = ["700000000000000101", "700000000000000102"];
    fake.failChannel(a, { status: 403, code: 50013 });
    fake.failChannel(b, { status: 500, times: 1 });
    expect((await post(`/channels/${a}/messages`, { content: "x" })).json?.code).toBe(50013);
    expect((await post(`/channels/${b}/messages`, { content: "x" })).status).toBe(500);
    const first = await post(`/channels/${b}/messages`, { content: "x", nonce: "n1", enforce_nonce: true });
    const again = await post(`/channels/${b}/messages`, { content: "x", nonce: "n1", enforce_nonce: true });
    expect(first.status).toBe(200);
    expect(again.json?.id).toBe(first.json?.id);
    expect(fake.postedIn(b)).toHaveLength(1);
    fake.channelFailures.clear();
  });

  it("50035 for command lists Discord refuses: a context menu with a description, unknown contexts, duplicate names per type", async () => {
    const route = `/applications/${APP_ID}/commands`;
    const slash = { name: "who", description: "Who", type: 1 };
    const menu = { name: "Check this quote", type: 3 };
    for (const body of [
      [{ ...menu, description: "no" }],
      [{ ...slash, contexts: [0, 5] }],
      [{ ...slash, integration_types: [2] }],
      [slash, { ...slash }],
      [{ name: "Who", description: "Capital", type: 1 }],
      [{ ...slash, options: [{ type: 2, name: "g", description: "G", options: [{ type: 3, name: "x", description: "X" }] }] }],
    ]) {
      expect((await post(route, body, "PUT")).json?.code, JSON.stringify(body)).toBe(50035);
    }
    const ok = await post(route, [slash, menu, { ...menu, type: 2 }, { ...slash, contexts: [0, 1, 2], integration_types: [0, 1] }].slice(0, 3), "PUT");
    expect(ok.status).toBe(200);
  });

  it("DM channels: opened per user, 50007 once the user's DMs are closed", async () => {
    const opened = await post("/users/@me/channels", { recipient_id: alice.id });
    const again = await post("/users/@me/channels", { recipient_id: alice.id });
    expect(again.json?.id).toBe(opened.json?.id);
    expect((await post(`/channels/${String(opened.json?.id)}/messages`, { content: "hi" })).status).toBe(200);
    fake.channels.closedDms.add(alice.id);
    const closed = await post(`/channels/${String(opened.json?.id)}/messages`, { content: "hi" });
    expect([closed.status, closed.json?.code]).toEqual([403, 50007]);
    expect(fake.dmsTo(alice.id)).toHaveLength(1);
    fake.channels.closedDms.clear();
  });

  it("threads from a message, one per message; edits; mentions only where allowed_mentions lets them", async () => {
    const channel = "700000000000000103";
    const role = "888888888888888888";
    const posted = await post(`/channels/${channel}/messages`, { content: `<@&${role}> <@${alice.id}> @everyone`, allowed_mentions: { parse: [], roles: [role] } });
    expect(posted.json).toMatchObject({ mention_roles: [role], mentions: [], mention_everyone: false });
    const open = await post(`/channels/${channel}/messages`, { content: `<@&${role}> @everyone` });
    expect(open.json).toMatchObject({ mention_roles: [role], mention_everyone: true });
    const id = String(posted.json?.id);
    const thread = await post(`/channels/${channel}/messages/${id}/threads`, { name: "A story", auto_archive_duration: 1440 });
    expect([thread.status, thread.json?.type, thread.json?.parent_id]).toEqual([201, 11, channel]);
    expect((await post(`/channels/${channel}/messages/${id}/threads`, { name: "Again" })).json?.code).toBe(160004);
    expect((await post(`/channels/${channel}/messages/${id}/threads`, { name: "x".repeat(101) })).json?.code).toBe(50035);
    const edited = await post(`/channels/${channel}/messages/${id}`, { embeds: [{ title: "t" }] }, "PATCH");
    expect(edited.json).toMatchObject({ content: `<@&${role}> <@${alice.id}> @everyone`, embeds: [{ title: "t" }] });
    expect((await post(`/channels/${channel}/messages/${id}`, { content: "x".repeat(2001) }, "PATCH")).json?.code).toBe(50035);
    expect((await post(`/channels/${channel}/messages/1`, { content: "x" }, "PATCH")).json?.code).toBe(10008);
  });
});
