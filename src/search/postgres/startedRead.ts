// The stored knowledge base's read, started before the engine is made: a bot process starts it as soon as its
// database is open and loads its modules meanwhile (src/live/botModules.ts), so the server reads while the process
// loads them; the engine then takes the read under way instead of starting its own (engine.ts openFirst). Kept light
// (storedStages.ts and what it reads with: some 20 modules of the bot's 300), so that starting it costs little.
import type pg from "pg";
import { readStoredStages, type FirstStage } from "./storedStages.ts";

/** Where an engine holds the sentences' texts: in memory (read in the second stage), or read from the database. */
export type TextsHeld = "memory" | "database";

/**
 * Where a bot's process holds them: every one reads them from the database as its answers and duties need them, the
 * leader too (src/live/botKnowledge.ts sharedKnowledge).
 */
export const BOT_TEXTS: TextsHeld = "database";

/** A read of the stored knowledge base under way, for the engine that opens with it. */
export interface StartedRead {
  /** Where the engine that takes it holds the texts (a read for memory reads them in its second stage). */
  readonly texts: TextsHeld;
  /** The first stage (the second's promise in it). */
  readonly first: Promise<FirstStage>;
  /** Resolves once the first stage's reads are at the server (or failed): the server works on them from then on. */
  readonly sent: Promise<void>;
}

/**
 * Starts reading the knowledge base now. A read nobody takes (the start failed before its engine opened) goes on
 * to its end and gives its connections back, as a taken one does; its rejection is taken by the engine that opens with it.
 */
export function startRead(pool: pg.Pool, texts: TextsHeld): StartedRead {
  let told: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (told = resolve));
  const first = readStoredStages(pool, { texts: texts === "memory", sent: () => told() });
  first.catch(() => undefined);
  return { texts, first, sent };
}
