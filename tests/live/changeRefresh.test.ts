// A shard told of a write applies the change to the knowledge base it holds (src/search/postgres/engineChange.ts)
// instead of reading the whole again: what its members are answered must be what a shard that reads the same version
// whole answers, through adds early and late in the corpus's order, an article written again, a removal, and a new
// article that merges a person named in another. A shard that holds its texts in memory and one that reads them from
// the database (as every bot's shard does) are both checked; then random sequences of writes (fast-check), the
// reference model being the whole read.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AsyncAnswers } from "../../src/answer/types.ts";
import { openDatabase } from "../../src/db/database.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { readArticleTexts } from "../../src/kb/articleTexts.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { postgresForFile } from "../support/postgresForFile.ts";

const { freshDatabase, closing } = postgresForFile();

const { log } = recordingLog("warn");

const ARTICLES: Record<string, string> = {
  "b-board": articleFile({ title: "Board meets", body: 'The school board met on March 3, 2025, about the crowded classrooms. "We need room," Novak said.' }),
  "c-tram": articleFile({ title: "Harbour tram opens", body: 'Mayor Ingrid Solberg, who leads the council, opened the tram line on Jan. 2, 2025. "It moves," Solberg said.' }),
  "e-budget": articleFile({ title: "Budget grows", body: "Engineer Tomasz Wrobel, the chief engineer, said the budget doubled in 2024.", published: "2025-02-03" }),
  "g-depot": articleFile({ title: "Depot planned", body: 'Planner Ada Kowalski, head of the depot team, said the depot opens in 2026. "Soon," Kowalski said.' }),
  "a-ferry": articleFile({ title: "Ferry tariff set", body: 'Solberg set the ferry tariff on March 4, 2025. "The ferry tariff will not rise," said Lena Ostrova, the harbour master.' }),
  "z-bridge": articleFile({ title: "Bridge repaired", body: "Bridge inspector Omar Haddad said the bridge reopened on May 9, 2025, after the repair." }),
  "f-school": articleFile({ title: "School extended", body: 'Principal Mira Novak opened the school wing in April 2025. "More room," Novak said.' }),
  "h-council": articleFile({ title: "Council votes", body: 'Ingrid Solberg, the mayor of the harbour city, said the council voted on June 1, 2025. "We agreed," Ingrid Solberg said.' }),
};
const BUDGET_AGAIN = articleFile({ title: "Budget shrinks", body: 'Tomasz Wrobel, the chief engineer, said the budget fell in 2025. "Less money," Wrobel said.', published: "2025-02-03" });

const NAMES = ["Ingrid Solberg", "Solberg", "Tomasz Wrobel", "Ada Kowalski", "Lena Ostrova", "Omar Haddad", "Mira Novak", "Novak"];
const WORDS = ["tram line", "budget", "depot opens", "ferry tariff", "bridge reopened", "school wing", "council voted"];
/** Role questions (a /who that names nobody: the role questions' indexes, saved by the writer with each version). */
const ROLES = ["who leads the council", "who is the chief engineer", "who is the harbour master", "who heads the depot team", "bridge inspector"];

/** Everything a member can ask, as JSON: equal for two shards that answer alike. */
async function everything(a: AsyncAnswers): Promise<string> {
  const out: unknown[] = [];
  for (const name of NAMES) out.push(await a.who(name), await a.quote({ speaker: name }), await a.timeline(name), await a.suggest("person", name.slice(0, 2)));
  for (const role of ROLES) out.push(await a.who(role));
  for (const words of WORDS) out.push(await a.when(words), await a.search(words), await a.quote(words), await a.suggest("event", words.slice(0, 3)), await a.suggest("article", words.slice(0, 2)));
  out.push(await a.timeline(), await a.about(), await a.asOf(), await a.check("The ferry tariff will not rise"), await a.mentioned("Solberg and Novak met Haddad."));
  return JSON.stringify(out);
}

/**
 * A leader writing a folder, and two shards (texts in memory, texts in the database) that take each write in by
 * applying its change; `step` changes the folder, writes it, and checks both shards against a whole read.
 */
async function scenario(prefix: string, first: readonly string[]) {
  const db = await openDatabase(await freshDatabase());
  const dir = tempDir(prefix);
  const file = (name: string) => path.join(dir, `${name}.md`);
  for (const name of first) writeFileSync(file(name), ARTICLES[name] as string);
  const leader = await SharedKnowledge.open(db.pool, log);
  const write = async () => {
    await writeCorpus({ dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 0, log, before: () => leader.wholeKb(), after: () => leader.refresh() });
    await leader.wholeKb();
  };
  await write();
  const shards = await Promise.all(
    (["memory", "database"] as const).map(async (texts) => {
      const recorded = recordingLog("info");
      const shard = await SharedKnowledge.open(db.pool, recorded.log, { texts });
      await shard.wholeKb();
      return { shard, lines: recorded.lines, texts };
    }),
  );
  const close = async () => {
    for (const { shard } of shards) await shard.close();
    await leader.close();
    await db.close();
  };
  closing.push(close);
  return {
    shards,
    db,
    put: (name: string, text = ARTICLES[name] as string) => writeFileSync(file(name), text),
    remove: (name: string) => existsSync(file(name)) && rmSync(file(name)),
    close,
    /**
     * Writes the folder as `change` left it; each shard must answer as a whole read does. `applied`: the write changes
     * the knowledge base, and a shard takes it in by applying the change ("some": when it changes anything).
     * `afterWrite`: done to the database once written, before the shards look.
     */
    async step(what: string, change: () => void, applied: boolean | "some" = true, afterWrite?: () => Promise<unknown>): Promise<void> {
      change();
      await write();
      await afterWrite?.();
      const whole = await SharedKnowledge.open(db.pool, log);
      await whole.wholeKb();
      const expected = await everything(whole.answers());
      const ids = whole.kb().articles.map((a) => a.id);
      for (const { shard, lines, texts } of shards) {
        const changed = await shard.refresh();
        if (applied === true) expect(changed, what).toBeDefined();
        if (applied === true || (applied === "some" && changed !== undefined)) {
          // The change was applied, not read whole.
          expect(lines.filter((l) => l.msg.startsWith("knowledge base changed")).at(-1)?.read, `${what} (${texts})`).toBe("change");
        }
        expect(await everything(shard.answers()), `${what} (${texts})`).toBe(expected);
        // The duties beside the answers read the same texts.
        expect(await readArticleTexts(shard.kb(), ids), `${what} (${texts})`).toEqual(await readArticleTexts(whole.kb(), ids));
        expect(shard.kb().articles.map((a) => a.id)).toEqual(ids);
      }
      await whole.close();
    },
  };
}

describe("a shard that applies a write's change", { timeout: 120_000 }, () => {
  it("answers as a shard that reads the same version whole, after adds, a rewrite, a removal and a merge of people", async () => {
    const run = await scenario("change-refresh-", ["b-board", "c-tram", "e-budget", "g-depot"]);
    await run.step("an article early in the corpus's order", () => run.put("a-ferry"));
    // The school's principal, Mira Novak, is the Novak quoted by the board's article: its quote's speaker is renamed.
    await run.step("two articles at once, one last in the order, one naming a speaker of another in full", () => (run.put("z-bridge"), run.put("f-school")));
    await run.step("an article written again", () => run.put("e-budget", BUDGET_AGAIN));
    await run.step("an article removed", () => run.remove("g-depot"));
    await run.step("an article naming a person of another in full", () => run.put("h-council"));
    expect(run.shards[0]?.shard.kb().articles.map((a) => a.id)).toEqual(["a-ferry", "b-board", "c-tram", "e-budget", "f-school", "h-council", "z-bridge"]);
  });

  it("reads the whole when the change cannot be worked out from what it holds: a stored article neither held nor written since", async () => {
    const run = await scenario("change-refresh-whole-", ["c-tram", "e-budget"]);
    // A write stamped before the version a shard holds (as a second writer whose transaction began earlier would).
    const stampedEarlier = () => run.db.pool.query("UPDATE kb_article SET written_at = written_at - interval '1 day' WHERE id = 'a-ferry'");
    await run.step("an article stamped before the held version", () => run.put("a-ferry"), false, stampedEarlier);
    for (const { lines, texts } of run.shards) expect(lines.filter((l) => l.msg.startsWith("knowledge base changed")).at(-1)?.read, texts).toBe("whole");
    // The next write is applied again.
    await run.step("an article after it", () => run.put("z-bridge"));
  });

  it("answers as a whole read does after any sequence of writes (adds, rewrites, removals, several at once)", async () => {
    const names = Object.keys(ARTICLES);
    // A write: some articles put (as first written or as `BUDGET_AGAIN`'s rewrite of their text) or removed.
    const edit = fc.record({ name: fc.constantFrom(...names), op: fc.constantFrom("put", "rewrite", "remove") });
    const write = fc.array(edit, { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.subarray(names, { minLength: 1 }), fc.array(write, { minLength: 1, maxLength: 3 }), async (first, writes) => {
        const run = await scenario("change-refresh-prop-", first);
        try {
          const folder = new Set(first);
          for (const [n, edits] of writes.entries()) {
            const before = folder.size;
            for (const { name, op } of edits) {
              if (op === "remove") folder.delete(name);
              else folder.add(name);
            }
            // A folder left without an article, or one that had none, is read whole (a knowledge base without articles).
            const applied = before > 0 && folder.size > 0 ? "some" : false;
            await run.step(
              `write ${n + 1}: ${JSON.stringify(edits)}`,
              () => {
                for (const { name, op } of edits) {
                  if (op === "remove") run.remove(name);
                  else run.put(name, op === "rewrite" ? rewritten(name) : undefined);
                }
              },
              applied,
            );
          }
        } finally {
          await run.close();
        }
      }),
      { numRuns: 3 },
    );
  });
});

/** An article's text written again: another sentence, date and quote, its title and people kept. */
function rewritten(name: string): string {
  return (ARTICLES[name] as string).replace(/\.\s*$/, `. The review followed on July 7, 2025. "It stands," the office said.\n`);
}
