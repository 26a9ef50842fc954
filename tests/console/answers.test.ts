// The console with DATABASE_URL (src/console/answers.ts) over a corpus folder without a valid article: as the sharded
// bot, whose leader writes such a folder as a knowledge base without an article and whose shards then answer as the
// emptied embedded bot does, not the embedded start's refusal of an empty folder.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnswers } from "../../src/answer/index.ts";
import { consoleKnowledge } from "../../src/console/answers.ts";
import { openDatabase } from "../../src/db/database.ts";
import { buildKnowledgeBase } from "../../src/kb/build.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
beforeAll(async () => void (server = await sharedPostgres()), SHARED_POSTGRES_START_MS);

describe("the console with DATABASE_URL", { timeout: 60_000 }, () => {
  it("over a folder without a valid article answers as the shards do, says so once, and a shard then answers the same", async () => {
    const db = await openDatabase(await server.freshDatabase());
    const dir = tempDir("console-empty-");
    writeFileSync(path.join(dir, "broken.md"), "no front matter here\n");
    const { log, lines } = recordingLog("warn");
    const opened = await consoleKnowledge(dir, { database: db, log });
    const embedded = createAnswers(buildKnowledgeBase([], []));
    expect(await opened.answers.who("Ana Ribeiro")).toEqual(embedded.who("Ana Ribeiro"));
    expect(await opened.answers.search("harbour")).toEqual(embedded.search("harbour"));
    expect(lines.filter((l) => l.msg === "the corpus folder holds no valid article now")).toHaveLength(1);
    expect(lines.filter((l) => l.msg.startsWith("skipped broken.md:"))).toHaveLength(1);
    // Written as the leader writes it: a shard answers, rather than saying the knowledge base is being built.
    const shard = await SharedKnowledge.open(db.pool, log);
    expect(await shard.answers().who("Ana Ribeiro")).toEqual(embedded.who("Ana Ribeiro"));
    await shard.close();
    // A second console start reads it back, and warns no more.
    await consoleKnowledge(dir, { database: db, log });
    expect(lines.filter((l) => l.msg === "the corpus folder holds no valid article now")).toHaveLength(1);
    await db.close();
  });

  it("over a folder that does not exist still refuses to start, naming it", async () => {
    const db = await openDatabase(await server.freshDatabase());
    const dir = path.join(tempDir("console-missing-"), "nothing-here");
    await expect(consoleKnowledge(dir, { database: db, log: recordingLog().log })).rejects.toThrow(`corpus directory ${dir} does not exist`);
    await db.close();
  });
});
