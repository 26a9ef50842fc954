// A worker thread of the extraction pool (pool.ts): receives batches of article files, sends back their facts.
// Normalisation runs here too, so the main thread only reads files.
import { parentPort } from "node:worker_threads";
import { normalise } from "../corpus/normalise.ts";
import { extractOutcome } from "./index.ts";
import type { ExtractJob, ExtractOutcome } from "./pool.ts";

parentPort?.on("message", (batch: ExtractJob[]) => {
  const outcomes = batch.map((job): ExtractOutcome => {
    try {
      const { text, toOriginal } = normalise(job.body);
      return extractOutcome({ ...job, text, toOriginal });
    } catch (err) {
      return { error: (err as Error).message };
    }
  });
  parentPort?.postMessage(outcomes);
});
