// The knowledge of processes sharing PostgreSQL (src/live/sharedKnowledge.ts, botKnowledge.ts): a shard takes in what
// the leader writes as soon as the leader says so (NOTIFY: no poll runs here), answers that the knowledge base is
// being built while nobody has written it yet, and a /reload asked of a shard that does not lead is the leader's.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { Announcer } from "../../src/announce/announcer.ts";
import { DEFAULT_SETTINGS } from "../../src/announce/channels.ts";
import { composeAnnouncement } from "../../src/announce/compose.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import type { SendMessage } from "../../src/announce/sender.ts";
import { announcementsOf } from "../../src/announce/service.ts";
import { toApiEmbed } from "../../src/discord/payload.ts";
import type { EmbedView } from "../../src/render/model.ts";
import { createAnswers } from "../../src/answer/index.ts";
import { buildKnowledgeBase } from "../../src/kb/build.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import type { Leadership } from "../../src/db/leader.ts";
import { readArticleTexts } from "../../src/kb/articleTexts.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { sharedKnowledge, type BotKnowledge } from "../../src/live/botKnowledge.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { listenForNotices, type Notices } from "../../src/live/kbNotices.ts";
import { reloadOnLeader, serveReloads } from "../../src/live/reloadOnLeader.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import type { ReloadReport } from "../../commands/services.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { postgresForFile } from "../support/postgresForFile.ts";

const { freshDatabase, closing } = postgresForFile();

const { log } = recordingLog("warn");
const BUILDING = "The knowledge base is being built. Please try again in a moment.";

async function database(): Promise<{ db: Database; url: string }> {
  const url = await freshDatabase();
  const db = await openDatabase(url);
  closing.push(() => db.close());
  return { db, url };
}

function article(dir: string, name: string, who: string): void {
  writeFileSync(
    path.join(dir, `${name}.md`),
    articleFile({ title: `The ${name} story`, body: `${who}, a member of the harbour council, said the ${name} vote was delayed until March.\n` }),
  );
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const write = (db: Database, dir: string, before: SharedKnowledge) =>
  writeCorpus({ dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 30, log, before: () => before.wholeKb(), after: async () => undefined });

/** A shard on a new, empty database, told of the leader's writes as the bot's shards are. */
async function listeningShard(): Promise<{ db: Database; shard: SharedKnowledge }> {
  const { db, url } = await database();
  const shard = await SharedKnowledge.open(db.pool, log);
  const notices: Notices = listenForNotices(url, log);
  closing.push(() => notices.close(), () => shard.close());
  shard.listen(notices);
  return { db, shard };
}

/**
 * A database the leader (`writer`) wrote one article to, and a shard opened on it whose second stage (the events) is
 * held back until `release` is called: what a shard is in its first seconds.
 */
async function writtenAndHeld(name: string, options: Parameters<typeof SharedKnowledge.open>[2] = {}) {
  const { db } = await database();
  const dir = tempDir(name);
  article(dir, "harbour", "Ana Ribeiro");
  const writer = await SharedKnowledge.open(db.pool, log);
  closing.push(() => writer.close());
  await write(db, dir, writer);
  await writer.refresh();
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const open = async () => {
    const shard = await SharedKnowledge.open(db.pool, log, { ...options, beforeRest: () => held });
    closing.push(() => shard.close());
    // Let go even when an assertion fails (a held second stage keeps its connection).
    closing.push(async () => release());
    return shard;
  };
  return { writer, open, release: () => release() };
}

// A minute per test, as the other files whose tests write through the leader (corpusWriter, leaderKnowledge): the first
// write of the file starts the leader's worker thread and loads the extractors, which took the first test past the
// default 20 s in 3 of 8 runs beside four busy loops (load 14-24); the tests' own waits are 20 s each.
describe("a shard sharing PostgreSQL", { timeout: 60_000 }, () => {
  it("started against an empty database says the knowledge base is being built, and answers once the leader's first write is told", async () => {
    const { db, shard } = await listeningShard();
    await expect(shard.answers().who("Ana Ribeiro")).rejects.toThrow(BUILDING);
    expect(await shard.answers().suggest("person", "An")).toEqual([]);

    const dir = tempDir("shared-kb-");
    article(dir, "harbour", "Ana Ribeiro");
    const report = await write(db, dir, shard);
    expect(report.added.map((a) => a.id)).toEqual(["harbour"]);
    await until(() => shard.kb().articles.length === 1, "the shard to take the write in");
    expect(JSON.stringify(await shard.answers().who("Ana Ribeiro"))).toContain("harbour council");

    // A second write is taken in the same way.
    article(dir, "tram", "Marta Silva");
    await write(db, dir, shard);
    await until(() => shard.kb().articles.length === 2, "the second write");
  });

  it("a folder without a valid article is written as a knowledge base without one: a shard answers as the embedded bot then does, not 'being built', until an article arrives", async () => {
    const { db, shard } = await listeningShard();
    // What the embedded bot answers once its folder holds no valid article (src/live/liveKnowledge.ts).
    const embedded = createAnswers(buildKnowledgeBase([], []));
    const answersAsEmbedded = async () => {
      expect(await shard.answers().who("Ana Ribeiro")).toEqual(embedded.who("Ana Ribeiro"));
      expect(await shard.answers().quote("Ribeiro")).toEqual(embedded.quote("Ribeiro"));
      expect(await shard.answers().when("harbour vote")).toEqual(embedded.when("harbour vote"));
      expect(await shard.answers().search("harbour")).toEqual(embedded.search("harbour"));
    };

    // A first start over a folder with only a bad file.
    const dir = tempDir("shared-kb-empty-");
    writeFileSync(path.join(dir, "broken.md"), "no front matter here\n");
    const first = await write(db, dir, shard);
    expect(first.articles).toBe(0);
    expect(first.skipped).toHaveLength(1);
    // Told by the leader's notification: the answers are no longer "being built".
    let answering = false;
    await until(() => {
      void shard.answers().who("Ana Ribeiro").then(() => (answering = true), () => undefined);
      return answering;
    }, "the shard to take the empty write in");
    await answersAsEmbedded();

    // An article arrives: answered.
    article(dir, "harbour", "Ana Ribeiro");
    await write(db, dir, shard);
    await until(() => shard.kb().articles.length === 1, "the article");
    expect(JSON.stringify(await shard.answers().who("Ana Ribeiro"))).toContain("harbour council");

    // The folder emptied (the article removed): nothing found again, as the embedded bot does.
    rmSync(path.join(dir, "harbour.md"));
    expect((await write(db, dir, shard)).removed.map((a) => a.id)).toEqual(["harbour"]);
    await until(() => shard.kb().articles.length === 0, "the removal");
    await answersAsEmbedded();
    // A shard that starts now reads the same.
    const late = await SharedKnowledge.open(db.pool, log);
    closing.push(() => late.close());
    expect(await late.answers().who("Ana Ribeiro")).toEqual(embedded.who("Ana Ribeiro"));
  }, 60_000);

  it("answers /who as soon as the people are read, and /when, and a write made from it, once the events are read", async () => {
    const { writer, open, release } = await writtenAndHeld("shared-kb-");
    const whole = await writer.answers().when("harbour vote");
    expect(JSON.stringify(whole)).toContain("March");
    const shard = await open();
    expect(JSON.stringify(await shard.answers().who("Ana Ribeiro"))).toContain("harbour council");
    const waiting: string[] = [];
    const when = shard.answers().when("harbour vote").finally(() => waiting.push("when"));
    const kb = shard.wholeKb().finally(() => waiting.push("kb"));
    // Answers that need no event are not held back by those that wait.
    expect(JSON.stringify(await shard.answers().quote({ speaker: "Ana Ribeiro" }))).toContain("Ana Ribeiro");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(waiting).toEqual([]);
    release();
    expect(await when).toEqual(whole);
    expect((await kb).events).toEqual(writer.kb().events);
  });

  it("/announce preview and resend asked on a shard before its events are read wait for them: the preview is the one made once read whole, the resend posts once", async () => {
    // A shard that does not lead: its texts in the database, its second stage held back.
    const { writer, open, release } = await writtenAndHeld("shared-kb-announce-", { texts: "database" });
    const expected = composeAnnouncement(writer.kb(), "harbour", await readArticleTexts(writer.kb(), ["harbour"]));
    expect(JSON.stringify(expected)).toContain("March");
    const shard = await open();
    const posted: APIEmbed[] = [];
    const send: SendMessage = async (_channel, embed) => {
      posted.push(embed);
      return { ok: true, id: String(posted.length) };
    };
    const channels = { channels: () => ["100000000000000001"], settings: () => ({ ...DEFAULT_SETTINGS }) };
    const record = await AnnouncementRecord.open(path.join(tempDir("shared-kb-record-"), "announcements.json"));
    const announcer = new Announcer(record, send, { channels, retryMs: 10, burst: 20, log });
    await announcer.begin({ ...writer.kb(), articles: [] }, false);
    announcer.resume();
    closing.push(() => announcer.stop());
    const announcements = announcementsOf(announcer, () => shard.kb());
    const settled: string[] = [];
    const preview = announcements.preview("harbour").finally(() => settled.push("preview"));
    const resend = announcements.resend("harbour").finally(() => settled.push("resend"));
    preview.catch(() => undefined);
    resend.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Neither failed (the generic error) nor answered from a knowledge base without events: both wait.
    expect(settled).toEqual([]);
    release();
    expect(await preview).toEqual(expected);
    expect(await resend).toBe(true);
    await until(() => posted.length > 0 && record.queue().length === 0, "the resend posted");
    expect(posted).toEqual([toApiEmbed(expected as EmbedView)]);
    // Read whole, it still holds no sentence text: its second stage read none (the preview read them from the database).
    expect(() => shard.kb().articles[0]?.sentences).toThrow(/not held/);
  });

  it("/reload on a shard that does not lead is done by the leader, and the shard answers from what it wrote", async () => {
    const { db, url } = await database();
    const dir = tempDir("shared-kb-reload-");
    article(dir, "harbour", "Ana Ribeiro");
    const leads = (leading: boolean): Leadership => ({ leading, onChange: () => undefined, stop: async () => undefined });
    // The folder is not watched here (a long debounce): only /reload writes it.
    const open = (leading: boolean): Promise<BotKnowledge> =>
      sharedKnowledge(db.pool, leads(leading), { dir, store: factsStoreFor(undefined, log), debounceMs: 600_000, log, url });
    const leader = await open(true);
    const follower = await open(false);
    closing.push(() => leader.stop((_n, w) => w), () => follower.stop((_n, w) => w));
    leader.begin();
    follower.begin();
    await until(() => leader.kb().articles.length === 1, "the leader's first write");

    article(dir, "tram", "Marta Silva");
    const report = await follower.corpus.reload();
    expect(report.added.map((a) => a.title)).toEqual(["The tram story"]);
    expect(report.articles).toBe(2);
    expect(follower.kb().articles.map((a) => a.id).sort()).toEqual(["harbour", "tram"]);
    expect(JSON.stringify(await follower.answers().who("Marta Silva"))).toContain("harbour council");
  }, 60_000);

  it("a shard holds no sentence text, and neither once it leads: it reads nothing again, writes the folder's changes, and cites a changed person's description in a stored article through the database", async () => {
    const { db, url } = await database();
    const dir = tempDir("shared-kb-texts-");
    article(dir, "harbour", "Ana Ribeiro");
    await write(db, dir, await SharedKnowledge.open(db.pool, log));
    const listeners: ((leading: boolean) => unknown)[] = [];
    const leadership = { leading: false, onChange: (l: (leading: boolean) => unknown) => void listeners.push(l), stop: async () => undefined };
    const recorded = recordingLog("info");
    const shard = await sharedKnowledge(db.pool, leadership, { dir, store: factsStoreFor(undefined, log), debounceMs: 30, log: recorded.log, url });
    closing.push(() => shard.stop((_n, w) => w));
    const told: string[][] = [];
    shard.onAdded((_kb, added) => void told.push(added));
    shard.begin();
    expect(() => shard.kb().articles[0]?.sentences).toThrow(/not held/);
    const [harbour] = (await readArticleTexts(shard.kb(), ["harbour"])).get("harbour") ?? [];
    expect(harbour).toMatch(/^Ana Ribeiro, a member of the harbour council/);
    expect(JSON.stringify(await shard.answers().who("Ana Ribeiro"))).toContain("harbour council");

    // It comes to lead with two new articles in the folder. Ana Ribeiro appears again, first in the corpus's order and
    // without her description: her person changes, and the sentence that states her description is in the stored
    // article, whose texts the leader reads from the database.
    writeFileSync(path.join(dir, "ferry.md"), articleFile({ title: "The ferry story", body: "Ana Ribeiro said the ferry timetable would change in June.\n" }));
    article(dir, "tram", "Marta Silva");
    leadership.leading = true;
    for (const l of listeners) await l(true);
    await until(() => shard.kb().articles.length === 3, "the new leader's write");
    expect(() => shard.kb().articles[0]?.sentences).toThrow(/not held/);
    // Cited as a build of the same folder with every text in memory cites them, and answered as the embedded bot answers.
    const built = await loadKnowledge(dir, { store: factsStoreFor(undefined, log), log });
    const citations = (kb: KnowledgeBase) => kb.people.map((p) => [p.name, p.descriptionSource]);
    expect(citations(shard.kb())).toEqual(citations(built.kb));
    expect(shard.kb().people.find((p) => p.name === "Ana Ribeiro")?.descriptionSource).toEqual({ article: "harbour", sentence: 0 });
    const embedded = createAnswers(built.kb);
    for (const name of ["Ana Ribeiro", "Marta Silva"]) expect(await shard.answers().who(name)).toEqual(embedded.who(name));
    // The listeners heard of the new articles once, and the knowledge base was never read again for its texts.
    expect(told).toEqual([["ferry", "tram"]]);
    expect(recorded.messages().filter((m) => m.startsWith("knowledge base read again"))).toEqual([]);
  }, 60_000);

  it("/reload asked while the leader hears no notification is taken from its request row at the leader's next check, and written once", async () => {
    const { db } = await database();
    const report: ReloadReport = { added: [], changed: [], removed: [], articles: 7, skipped: [], extracted: 0, ms: 1 };
    let writes = 0;
    const write = async (): Promise<ReloadReport> => {
      writes++;
      return report;
    };
    // The leader's listening connection is down: it hears nothing, and not leading yet, it does not look either.
    const deaf: Notices = { on: () => undefined, onConnected: () => undefined, close: async () => undefined };
    const leadership = { leading: false };
    const served = serveReloads(deaf, leadership, write, db.pool, log, 50);
    closing.push(async () => served.close());
    let tookIn = 0;
    const asking = reloadOnLeader(db.pool, async () => void tookIn++, { waitMs: 10_000, pollMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writes).toBe(0);
    leadership.leading = true;
    expect(await asking).toEqual(report);
    expect(tookIn).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writes).toBe(1);
    // A shard that stopped waiting leaves no request behind for a leader to write for.
    leadership.leading = false;
    await expect(reloadOnLeader(db.pool, async () => undefined, { waitMs: 100, pollMs: 50 })).rejects.toThrow(/did not answer in time/);
    leadership.leading = true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writes).toBe(1);
  });
});
