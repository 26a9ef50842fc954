// The retry of a failed corpus write (src/live/writeRetry.ts) on its own: what an admin reads when the cause of a run
// of failures moves between the database and the corpus folder, and that the attempts go on meanwhile.
import { describe, expect, it, vi } from "vitest";
import { CorpusError } from "../../src/corpus/load.ts";
import { WriteRetry } from "../../src/live/writeRetry.ts";
import { recordingLog } from "../support/log.ts";

describe("the retry of a failed corpus write", () => {
  it("logs a run once per cause, naming the folder, and keeps trying across a change of cause", async () => {
    const recorded = recordingLog("info");
    const folderAway = new CorpusError("corpus directory /srv/news does not exist");
    let attempts = 0;
    let recovered = false;
    // Each attempt fails with the folder away, until the fourth, which succeeds.
    const retry: WriteRetry = new WriteRetry({
      retryMs: 5,
      log: recorded.log,
      may: () => true,
      write: () => {
        attempts += 1;
        if (attempts < 4) retry.failed(folderAway);
        else recovered = retry.succeeded();
      },
    });
    // The database fails a write, then the folder fails another (a watcher's) before the attempt due has run.
    retry.failed(new Error("terminating connection due to administrator command"));
    retry.failed(folderAway);
    await vi.waitFor(() => expect(attempts).toBe(4), { timeout: 5_000, interval: 5 });
    expect(recorded.messages("error")).toEqual([
      "could not write the corpus to the knowledge base; still answering from the stored one; trying again",
      "corpus directory /srv/news does not exist: could not write the corpus to the knowledge base; still answering from the stored one; looking at the folder again, at least once a minute",
    ]);
    expect(recorded.messages("info")).toEqual(["corpus written to the knowledge base again after 5 failed writes"]);
    expect(recovered).toBe(true); // the last failure was the folder's: the writer watches it anew
  });
});
