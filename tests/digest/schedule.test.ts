import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Announcer } from "../../src/announce/announcer.ts";
import { DigestRotation } from "../../src/digest/rotation.ts";
import { scheduleDigest } from "../../src/digest/schedule.ts";
import type { EmbedView } from "../../src/render/model.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";

describe("the digest schedule", () => {
  it("posts a quote of the day through the announcer at each cron tick", async () => {
    const posted: [EmbedView, string][] = [];
    const announcer = { post: async (e: EmbedView, label: string) => void posted.push([e, label]) } as unknown as Announcer;
    const rotation = await DigestRotation.open(path.join(tempDir("digest-cron-"), "digest.json"));
    const job = scheduleDigest("* * * * * *", rotation, announcer, fixtureKb, { retryMs: 20, log: recordingLog().log });
    try {
      await vi.waitFor(() => expect(posted.length).toBeGreaterThanOrEqual(1), { timeout: 10_000, interval: 20 });
    } finally {
      job.stop();
    }
    expect(posted[0]?.[0].title).toBe("Quote of the day");
    expect(posted[0]?.[1]).toBe("digest");
  });
});
