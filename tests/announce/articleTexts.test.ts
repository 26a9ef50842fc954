// The duties beside the answers read sentence texts through one reader (src/kb/articleTexts.ts): from memory for the
// embedded knowledge base, from the database for one a shard read without its texts. Over the same corpus (the seed
// articles and a copy of one from another outlet), each duty must come out the same, byte for byte, either way:
// announcements (what an article adds, each channel's filter, which articles are copies of a story), follow matches,
// and the announcement preview.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChannelSettings } from "../../commands/services.ts";
import { Announcer } from "../../src/announce/announcer.ts";
import { DEFAULT_SETTINGS } from "../../src/announce/channels.ts";
import { composeAnnouncement } from "../../src/announce/compose.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import type { SendMessage } from "../../src/announce/sender.ts";
import { announcementsOf } from "../../src/announce/service.ts";
import { StoryTracker } from "../../src/announce/stories.ts";
import { passesFilter, personKey, whatMatches, type FollowCriterion } from "../../src/answer/articleMatch.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { readArticleTexts } from "../../src/kb/articleTexts.ts";
import { AnswersUnavailable, userFacing } from "../../src/render/errors.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { readTextsThrough } from "../../src/search/postgres/articleTexts.ts";
import { PostgresEngine } from "../../src/search/postgres/engine.ts";
import { writeKnowledge } from "../../src/search/postgres/kbStore.ts";
import { seedFile, seedIds, tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres } from "../support/postgres.ts";
import { buildCorpus } from "../search/support.ts";

const COPY = "copy-from-another-outlet";
/** The seed article the copy copies. */
const ORIGINAL = seedIds()[0] as string;
let db: Database;
let url: string;
/** The same knowledge base: built in memory, and read back from PostgreSQL without its texts. */
let memory: KnowledgeBase;
let stored: KnowledgeBase;

beforeAll(async () => {
  const dir = tempDir("article-texts-");
  for (const id of seedIds()) copyFileSync(seedFile(id), path.join(dir, `${id}.md`));
  const original = readFileSync(seedFile(ORIGINAL), "utf8");
  writeFileSync(path.join(dir, `${COPY}.md`), original.replace(/^title: .*$/m, 'title: "The same story, retold"').replace(/^outlet: .*$/m, 'outlet: "Another Outlet"'));
  const [server, built] = await Promise.all([sharedPostgres(), buildCorpus(dir)]);
  url = await server.freshDatabase();
  db = await openDatabase(url);
  await writeKnowledge(db.pool, built.kb, built.facts, built.hashes);
  memory = built.kb;
  const engine = await PostgresEngine.open(db.pool, { texts: "database" });
  readTextsThrough(engine);
  stored = engine.view.kb;
}, SHARED_POSTGRES_START_MS + 120_000); // extraction of the corpus and a server start
afterAll(async () => {
  await db?.close();
});

const both = <T>(duty: (kb: KnowledgeBase) => Promise<T>): Promise<[T, T]> => Promise.all([duty(memory), duty(stored)]);
const ids = () => memory.articles.map((a) => a.id);

describe("the duties read the same texts from memory and from the database", () => {
  it("a shard's knowledge base holds no text: a duty that read an article's sentences directly would fail", () => {
    expect(stored.articles.map((a) => a.id)).toEqual(ids());
    expect(() => stored.articles[0]?.sentences).toThrow(/not held/);
  });

  it("every article's sentences, and none for an article the knowledge base does not have", async () => {
    const [fromMemory, fromDatabase] = await both((kb) => readArticleTexts(kb, [...ids(), "no-such-article"]));
    expect(fromDatabase).toEqual(fromMemory);
    expect(fromMemory.get("no-such-article")).toEqual([]);
    expect([...fromMemory.values()].flat().length).toBe(memory.articles.reduce((n, a) => n + a.sentences.length, 0));
  });

  it("each article's announcement, dated events included", async () => {
    const [a, b] = await both(async (kb) => Promise.all(ids().map(async (id) => composeAnnouncement(kb, id, await readArticleTexts(kb, [id])))));
    expect(b).toEqual(a);
    expect(a.some((e) => e?.fields.some((f) => f.name === "Dated events"))).toBe(true);
  });

  it("each channel filter of people and words lets the same articles through", async () => {
    const names = memory.people.slice(0, 12).map((p) => p.name);
    const phrases = ["Rust for Linux", "memory safety", "kernel maintainers", "device drivers", "garbage collector"];
    const filters = [...names.map((n) => ({ people: [n] })), ...phrases.map((w) => ({ words: [w] })), { quotesOnly: true }];
    const [a, b] = await both(async (kb) => {
      const texts = await readArticleTexts(kb, ids());
      return filters.map((f) => ids().filter((id) => passesFilter(kb, id, f, texts)));
    });
    expect(b).toEqual(a);
    // Not every filter lets everything through, nor nothing.
    expect(new Set(a.map((passed) => passed.length)).size).toBeGreaterThan(2);
  });

  it("what each article holds for follows of people and of words", async () => {
    const criteria: FollowCriterion[] = [
      ...memory.people.slice(0, 20).map((p) => ({ kind: "person" as const, key: personKey(p) })),
      { kind: "words", phrase: "memory safety" },
      { kind: "words", phrase: "the kernel" },
    ];
    const [a, b] = await both(async (kb) => {
      const texts = await readArticleTexts(kb, ids());
      return ids().map((id) => whatMatches(kb, id, criteria, texts));
    });
    expect(b).toEqual(a);
    expect(a.flat().filter((item) => item.kind === "person" && !item.speaker).length).toBeGreaterThan(0);
    expect(a.flat().filter((item) => item.kind === "words").length).toBeGreaterThan(0);
  });

  it("which new articles are copies of a story, the window of recent stories read at the first split", async () => {
    const rest = ids().filter((id) => id !== ORIGINAL);
    const [a, b] = await both(async (kb) => {
      // The original was announced before (the record's stories); the others come in now.
      const tracker = new StoryTracker(() => [ORIGINAL]);
      return tracker.split(kb, rest, await readArticleTexts(kb, rest));
    });
    expect(b).toEqual(a);
    expect(a.copies).toEqual([{ id: COPY, of: ORIGINAL }]);
  });

  it("a read the database cannot answer is AnswersUnavailable: a preview then says the articles cannot be looked up right now", async () => {
    const gone = await openDatabase(url);
    const engine = await PostgresEngine.open(gone.pool, { texts: "database" });
    readTextsThrough(engine);
    await gone.close();
    const preview = announcementsOf({ channels: [], resend: async () => false }, () => engine.view.kb).preview(ORIGINAL);
    await expect(preview).rejects.toBeInstanceOf(AnswersUnavailable);
    expect(userFacing(await preview.catch((err: unknown) => err), recordingLog().log, { fields: { command: "/announce" } })).toBe(
      "The articles cannot be looked up right now. Please try again in a moment.",
    );
  });

  it("the announcer posts the same messages in every channel, filters and story copies included, and previews the same", async () => {
    const settings: Record<string, ChannelSettings> = {
      "100000000000000001": { ...DEFAULT_SETTINGS },
      "100000000000000002": { ...DEFAULT_SETTINGS, words: ["memory safety"] },
      "100000000000000003": { ...DEFAULT_SETTINGS, people: [memory.people[0]?.name as string], mode: "quotes" },
    };
    const channels = { channels: () => Object.keys(settings), settings: (c: string) => settings[c] as ChannelSettings };
    const [a, b] = await both(async (kb) => {
      const posted: { channel: string; embed: APIEmbed }[] = [];
      const send: SendMessage = async (channel, embed) => {
        posted.push({ channel, embed });
        return { ok: true, id: String(posted.length) };
      };
      const record = await AnnouncementRecord.open(path.join(tempDir("article-texts-record-"), "announcements.json"));
      const announcer = new Announcer(record, send, { channels, retryMs: 10, burst: 20, log: recordingLog().log });
      await announcer.begin({ ...kb, articles: [] }, false);
      announcer.resume();
      await announcer.announceArticles(kb, ids());
      await vi.waitFor(() => expect(record.queue()).toEqual([]), { timeout: 15_000, interval: 10 });
      await announcer.stop();
      const previews = await Promise.all(ids().map((id) => announcementsOf(announcer, () => kb, undefined).preview(id)));
      return { posted: Object.keys(settings).map((c) => posted.filter((p) => p.channel === c).map((p) => p.embed)), previews };
    });
    expect(b).toEqual(a);
    expect(a.posted.map((p) => p.length)).toEqual([ids().length - 1, expect.any(Number), expect.any(Number)]);
    expect(a.posted[1]?.length).toBeLessThan(ids().length - 1);
  });
});
