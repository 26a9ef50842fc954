import { describe, expect, it } from "vitest";
import { composeAnnouncement, notableQuotes } from "../../src/announce/compose.ts";
import { toApiEmbed } from "../../src/discord/payload.ts";
import type { KbQuote, KnowledgeBase } from "../../src/kb/types.ts";
import { embedLength } from "../../src/render/format.ts";
import { LIMITS } from "../../src/render/limits.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { validateMessage } from "../e2e/fakeDiscord.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

/** Every article's sentences, as the announcer reads them before it composes (src/kb/articleTexts.ts). */
const texts = (kb: KnowledgeBase) => new Map(kb.articles.map((a) => [a.id, a.sentences.map((s) => s.text)]));

/** An article built to overflow every part of an embed. */
function hugeKb(): KnowledgeBase {
  const long = (n: number, s = "word ") => s.repeat(Math.ceil(n / s.length)).slice(0, n);
  const sentences = Array.from({ length: 200 }, (_, i) => ({ index: i, paragraph: 0, start: 0, end: 0, text: `${long(900)} ${i}` }));
  return {
    articles: [{ id: "big", title: long(400, "*Title* "), outlet: long(300, "_Outlet_ "), published: "2025-12-09", author: long(300), url: "https://example.org/a b(c)", sentences }],
    people: Array.from({ length: 60 }, (_, i) => ({
      name: `Person${i} ${long(150, "@everyone ")}`,
      description: long(500, "[link](http://x) "),
      aliases: [],
      articles: i % 2 ? ["big"] : ["big", "other"],
      mentions: [{ article: "big", sentence: i }],
    })),
    quotes: Array.from({ length: 40 }, (_, i) => ({ article: "big", sentence: i, text: long(2000, "**said** "), speaker: i % 3 ? `Speaker ${i}` : null })),
    fragments: [],
    events: EventTable.of(Array.from({ length: 80 }, (_, i) => ({ article: "big", sentence: i, date: `20${String(i % 30).padStart(2, "0")}`, dateText: "x" }))),
  };
}

describe("the announcement embed", () => {
  it("says what the article adds: new people with their role, known people, quotes with speakers, dated events", () => {
    const kb = fixtureKb();
    kb.people[1]!.articles = ["tram"]; // Wróbel: introduced by the tram article
    const e = composeAnnouncement(kb, "tram", texts(kb));
    expect(e?.title).toBe("Harbour City approves its first tram line");
    expect(e?.url).toBe("https://news.example/tram");
    const field = (name: string) => e?.fields.find((f) => f.name === name)?.value;
    expect(field("New people")).toBe("**Tomasz Wróbel**, Transport engineer");
    expect(field("Also mentions")).toContain("**Ingrid Solberg-Haugen**");
    expect(field("Quotes")).toMatch(/^> “This is the day the city starts moving again,”\n— \*\*Ingrid Solberg-Haugen\*\*$/);
    expect(field("Dated events")).toMatch(/^\*\*2015\*\* · The council first discussed/);
    expect(composeAnnouncement(kb, "nope", texts(kb))).toBeUndefined();
  });

  it("keeps every Discord limit and escapes corpus text, however much the article holds", () => {
    const kb = hugeKb();
    const e = composeAnnouncement(kb, "big", texts(kb));
    expect(e).toBeDefined();
    const api = toApiEmbed(e!);
    expect(validateMessage({ embeds: [api] })).toBeUndefined();
    expect(embedLength(e!)).toBeLessThanOrEqual(LIMITS.total);
    expect(e!.title.length).toBeLessThanOrEqual(LIMITS.title);
    for (const f of e!.fields) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(e!.fields.map((f) => f.name)).toEqual(["New people", "Also mentions", "Quotes", "Dated events"]);
    expect(e!.fields[0]?.value).toMatch(/\*and \d+ more\*$/);
    expect(e!.title).toMatch(/^\\\*Title\\\*/);
    expect(JSON.stringify(api)).not.toMatch(/(?<!\\)@everyone/);
    expect(e!.url).toBe("https://example.org/a%20b%28c%29");
    expect((e!.fields[2]?.value.match(/^> “/gm) ?? []).length).toBe(3);
  });

  it("picks notable quotes: named speakers, different ones, a sentence or two long, in article order", () => {
    const q = (sentence: number, speaker: string | null, text: string): KbQuote => ({ article: "a", sentence, speaker, text });
    const quotes = [
      q(0, null, "An unattributed line that is long enough to be a real quote."),
      q(1, "Ann", "Short."),
      q(2, "Ann", "Ann says something long enough to be worth a headline here."),
      q(3, "Bob", "Bob says something long enough to be worth a headline too."),
      q(4, "Ann", "Ann again, with another long and rather quotable sentence."),
      q(5, "Cy", "Cy has the last long word on the matter, for the record."),
    ];
    expect(notableQuotes(quotes).map((x) => x.sentence)).toEqual([2, 3, 5]);
  });
});
