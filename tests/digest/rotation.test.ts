import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/digest/compose.ts";
import { DigestRotation, pickQuote, quoteKey } from "../../src/digest/rotation.ts";
import type { KbQuote } from "../../src/kb/types.ts";
import { validateMessage } from "../e2e/fakeDiscord.ts";
import { toApiEmbed } from "../../src/discord/payload.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { tempDir } from "../support/files.ts";

const q = (i: number, speaker: string | null = `S${i}`): KbQuote => ({ article: "a", sentence: i, text: `quote ${i}`, speaker });
const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

describe("the quote of the day rotation", () => {
  it("uses every quote once before any repeats, then starts a new round", () => {
    const quotes = [q(1), q(2), q(3), q(4), q(5)];
    const random = seeded(7);
    let used: string[] = [];
    const picked: string[] = [];
    for (let i = 0; i < 15; i++) {
      const p = pickQuote(quotes, used, random)!;
      used = p.used;
      picked.push(p.quote.text);
    }
    for (const round of [0, 5, 10]) expect(new Set(picked.slice(round, round + 5)).size).toBe(5);
  });

  it("prefers quotes with a named speaker, forgets quotes no longer in the corpus, and has nothing for no quotes", () => {
    expect(pickQuote([q(1, null), q(2)], [], () => 0)?.quote.sentence).toBe(2);
    expect(pickQuote([q(1, null)], [], () => 0)?.quote.sentence).toBe(1);
    expect(pickQuote([], [])).toBeUndefined();
    const gone = quoteKey({ article: "old", text: "removed" });
    expect(pickQuote([q(1), q(2)], [gone, quoteKey(q(1))], () => 0)).toEqual({ quote: q(2), used: [quoteKey(q(1)), quoteKey(q(2))] });
  });

  it("survives a restart: the round is stored (atomically) before the quote is posted", async () => {
    const dir = tempDir("digest-test-");
    const file = path.join(dir, "digest.json");
    const quotes = [q(1), q(2), q(3)];
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const rotation = await DigestRotation.open(file); // a fresh process every day
      seen.push((await rotation.next(quotes, seeded(i + 1)))!.text);
    }
    expect(new Set(seen).size).toBe(3);
    expect(readdirSync(dir)).toEqual(["digest.json"]);
  });

  it("posts the quote with its speaker and citation, within Discord's limits", () => {
    const kb = fixtureKb();
    const quote = kb.quotes.find((x) => x.speaker)!;
    const e = composeDigest(kb, quote);
    expect(e.title).toBe("Quote of the day");
    expect(e.description).toMatch(/^> “.+”\n> — \*\*.+\*\*\n— \[Harbour City approves its first tram line\]\(https:\/\/news\.example\/tram\), Harbour Herald, Mar 2024$/);
    expect(validateMessage({ embeds: [toApiEmbed(composeDigest(kb, { ...quote, text: "x".repeat(9000) }))] })).toBeUndefined();
  });
});
