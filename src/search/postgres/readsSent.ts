// When the reads a stage starts at once are all at the server: a process that then runs a long synchronous stretch
// (loading its modules from one bundle: src/launchBundle.mjs) holds none of them back. Each read needs a few turns
// of the event loop to connect, begin its snapshot and send its statement; taken after the modules, those turns came
// some 130 ms late, and the server had nothing to work on meanwhile (docs/scaling.md, appcache).
import type pg from "pg";
import { whenSent } from "./packedRows.ts";

/** A read on a client of the pool of its own (storedStages.ts readOnce). */
export type Read = <T>(use: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/**
 * Tells `sent` once the reads started at once have each sent their statement: `counted(read)` counts each read it
 * starts until its client's read in a snapshot has sent it (packedRows.ts whenSent), or the read failed. The reads a
 * stage starts later (the titles', after the articles') count nothing more: `sent` is told once.
 */
export function firstReadsSent(sent: (() => void) | undefined): { counted: (read: Read) => Read; failed: () => void } {
  let pending = 0;
  let told = false;
  const tell = (): void => {
    if (told) return;
    told = true;
    sent?.();
  };
  const done = (): void => {
    if (--pending === 0) tell();
  };
  return {
    counted: (read) => (use) => {
      pending++;
      let counted = true;
      const once = (): void => {
        if (counted) done();
        counted = false;
      };
      return read(async (client) => {
        whenSent(client, once);
        try {
          return await use(client);
        } finally {
          whenSent(client, undefined);
        }
      }).finally(once);
    },
    failed: tell,
  };
}
