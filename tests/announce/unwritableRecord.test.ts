// An announcement record that cannot be written (DATA_DIR read-only, full, a file in the way): a message goes out only
// once the record on disk holds it, or a restart would post it again under a new nonce (or forget that it went out).
// So nothing is sent while the record cannot be written; the failure is logged once, with the path and the OS error;
// the record is written again later, and sending resumes once the admin has fixed the folder, without a restart.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { Announcer } from "../../src/announce/announcer.ts";
import { openChannelConfig } from "../../src/announce/channels.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import type { SendMessage } from "../../src/announce/sender.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { recordingLog } from "../support/log.ts";
import { unwritableDataDir } from "../support/unwritableDir.ts";

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = () => unwritableDataDir("unwritable-record-", "announcements.json");

describe("an announcement record that cannot be written", () => {
  it("sends nothing meanwhile, says so once with the path and the OS error, and sends once the folder is fixed", async () => {
    const kb = fixtureKb();
    const data = dataDir();
    data.block();
    const { lines, log } = recordingLog();
    const sent: { title: string | undefined; stored: boolean }[] = [];
    const send: SendMessage = async (_channel, embed, nonce) => {
      let stored = false;
      try {
        stored = readFileSync(data.file, "utf8").includes(nonce);
      } catch {
        // no record on disk
      }
      sent.push({ title: embed.title, stored });
      return { ok: true, id: `posted-${sent.length}` };
    };
    const a = new Announcer(await AnnouncementRecord.open(data.file), send, { channels: ["1"], retryMs: 20, log });
    await a.begin({ ...kb, articles: [] }, false);
    a.resume();
    await a.announceArticles(kb, ["budget"]);
    await a.announceArticles(kb, ["tram"]);
    await pause(300); // several retries of the write
    expect(sent).toEqual([]);
    const told = lines.filter((l) => l.msg.includes(`announcement record ${data.file} cannot be written (ENOTDIR`));
    expect(told, JSON.stringify(lines)).toHaveLength(1);
    expect(told[0]!.level).toBe(40);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);

    data.fix();
    await until(() => sent.length === 2);
    expect(sent).toEqual([
      { title: "Tram budget doubles", stored: true },
      { title: "Harbour City approves its first tram line", stored: true },
    ]);
    expect(lines.some((l) => l.msg.includes("written again"))).toBe(true);
    await a.stop();
    await until(() => JSON.parse(readFileSync(data.file, "utf8")).queue.length === 0);
    // A restart posts nothing again.
    const again = new Announcer(await AnnouncementRecord.open(data.file), send, { channels: ["1"], retryMs: 20, log: recordingLog().log });
    await again.begin(kb, false);
    again.resume();
    await pause(100);
    await again.stop();
    expect(sent).toHaveLength(2);
  });

  it("a send whose removal cannot be written holds the channel's next message until the record is written", async () => {
    const kb = fixtureKb();
    const data = dataDir();
    const { lines, log } = recordingLog();
    const sent: string[] = [];
    const send: SendMessage = async (_channel, embed) => {
      sent.push(embed.title ?? "");
      // The folder breaks while Discord takes the first message: its removal from the queue cannot be written.
      if (sent.length === 1) data.block();
      return { ok: true, id: `posted-${sent.length}` };
    };
    const a = new Announcer(await AnnouncementRecord.open(data.file), send, { channels: ["1"], retryMs: 20, log });
    await a.begin({ ...kb, articles: [] }, false);
    a.resume();
    await a.announceArticles(kb, ["budget"]);
    await until(() => sent.length === 1);
    await a.announceArticles(kb, ["tram"]);
    await pause(300);
    expect(sent).toEqual(["Tram budget doubles"]);
    expect(lines.filter((l) => l.msg.includes("cannot be written (ENOTDIR"))).toHaveLength(1);

    data.fix();
    await until(() => sent.length === 2);
    await a.stop();
    await until(() => JSON.parse(readFileSync(data.file, "utf8")).queue.length === 0);
    const stored = JSON.parse(readFileSync(data.file, "utf8"));
    expect(Object.keys(stored.announced).sort()).toEqual(["budget", "tram"]);
    expect(stored.posted.budget).toEqual({ "1": "posted-1" });
  });

  it("channel settings that cannot be written: /announce channel's change is kept, told once, stored once the folder is fixed", async () => {
    const [A, B] = ["700000000000000001", "700000000000000002"];
    const data = unwritableDataDir("unwritable-channels-", "channels.json");
    const { lines, log } = recordingLog();
    data.block();
    const channels = await openChannelConfig(data.file, [A], { retryMs: 20 }, log);
    await channels.configure(B, { words: ["tram"] });
    await channels.remove(A);
    expect(channels.channels()).toEqual([B]);
    await pause(300);
    expect(lines.filter((l) => l.msg.includes(`channel settings ${data.file} cannot be written (ENOTDIR`))).toHaveLength(1);
    data.fix();
    await until(() => lines.some((l) => l.msg.includes("channel settings written again")));
    const reopened = await openChannelConfig(data.file, [A], {}, recordingLog().log);
    expect(reopened.problem).toBeUndefined();
    expect(reopened.channels()).toEqual([B]);
    expect(reopened.settings(B).words).toEqual(["tram"]);
  });
});
