// A shard told of a write applies the change to the knowledge base it holds (src/search/postgres/engineChange.ts)
// instead of reading the whole again: what its members are answered must be what a shard that reads the same version
// whole answers, through adds early and late in the corpus's order, an article written again, a removal, and a new
// article that merges a person named in another. A shard that holds its texts in memory and one that reads them from
// the database (as every bot's shard does) are both checked.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AsyncAnswers } from "../../src/answer/types.ts";
import { openDatabase } from "../../src/db/database.ts";
import { writeCorpus } from "../../src/live/corpusWriter.ts";
import { SharedKnowledge } from "../../src/live/sharedKnowledge.ts";
import { factsStoreFor } from "../../src/pipeline/caches.ts";
import { readArticleTexts } from "../../src/kb/articleTexts.ts";
import { articleFile } from "../support/articles.ts";
import { tempDir } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { SHARED_POSTGRES_START_MS, sharedPostgres, type SharedPostgres } from "../support/postgres.ts";

let server: SharedPostgres;
const closing: (() => Promise<unknown>)[] = [];
beforeAll(async () => void (server = await sharedPostgres()), SHARED_POSTGRES_START_MS);
afterAll(async () => {
  for (const close of closing.reverse()) await close().catch(() => undefined);
});

const { log } = recordingLog("warn");

const ARTICLES: Record<string, string> = {
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

/** Everything a member can ask, as JSON: equal for two shards that answer alike. */
async function everything(a: AsyncAnswers): Promise<string> {
  const out: unknown[] = [];
  for (const name of NAMES) out.push(await a.who(name), await a.quote({ speaker: name }), await a.timeline(name), await a.suggest("person", name.slice(0, 2)));
  for (const words of WORDS) out.push(await a.when(words), await a.search(words), await a.quote(words), await a.suggest("event", words.slice(0, 3)), await a.suggest("article", words.slice(0, 2)));
  out.push(await a.timeline(), await a.about(), await a.asOf(), await a.check("The ferry tariff will not rise"), await a.mentioned("Solberg and Novak met Haddad."));
  return JSON.stringify(out);
}

describe("a shard that applies a write's change", { timeout: 120_000 }, () => {
  it("answers as a shard that reads the same version whole, after adds, a rewrite, a removal and a merge of people", async () => {
    const db = await openDatabase(await server.freshDatabase());
    closing.push(() => db.close());
    const dir = tempDir("change-refresh-");
    const put = (name: string, text = ARTICLES[name] as string) => writeFileSync(path.join(dir, `${name}.md`), text);
    for (const name of ["c-tram", "e-budget", "g-depot"]) put(name);
    const leader = await SharedKnowledge.open(db.pool, log);
    closing.push(() => leader.close());
    const write = async () => {
      await writeCorpus({ dir, pool: db.pool, store: factsStoreFor(undefined, log), debounceMs: 0, log, before: () => leader.wholeKb(), after: () => leader.refresh() });
      await leader.wholeKb();
    };
    await write();
    const shards = await Promise.all(
      (["memory", "database"] as const).map(async (texts) => {
        const recorded = recordingLog("info");
        const shard = await SharedKnowledge.open(db.pool, recorded.log, { texts });
        closing.push(() => shard.close());
        await shard.wholeKb();
        return { shard, lines: recorded.lines, texts };
      }),
    );

    const steps: [string, () => void][] = [
      ["an article early in the corpus's order", () => put("a-ferry")],
      ["two articles at once, one last in the order", () => (put("z-bridge"), put("f-school"))],
      ["an article written again", () => put("e-budget", BUDGET_AGAIN)],
      ["an article removed", () => rmSync(path.join(dir, "g-depot.md"))],
      ["an article naming a person of another in full", () => put("h-council")],
    ];
    for (const [what, change] of steps) {
      change();
      await write();
      const whole = await SharedKnowledge.open(db.pool, log);
      await whole.wholeKb();
      const expected = await everything(whole.answers());
      for (const { shard, lines, texts } of shards) {
        expect(await shard.refresh(), what).toBeDefined();
        // The change was applied, not read whole.
        expect(lines.filter((l) => l.msg.startsWith("knowledge base changed")).at(-1)?.read, `${what} (${texts})`).toBe("change");
        expect(await everything(shard.answers()), `${what} (${texts})`).toBe(expected);
        // The duties beside the answers read the same texts.
        const ids = whole.kb().articles.map((a) => a.id);
        expect(await readArticleTexts(shard.kb(), ids), `${what} (${texts})`).toEqual(await readArticleTexts(whole.kb(), ids));
        expect(shard.kb().articles.map((a) => a.id)).toEqual(ids);
      }
      await whole.close();
    }
    expect(shards[0]?.shard.kb().articles.map((a) => a.id)).toEqual(["a-ferry", "c-tram", "e-budget", "f-school", "h-council", "z-bridge"]);
  });
});
