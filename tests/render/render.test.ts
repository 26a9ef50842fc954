import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AsOf, Event, Fact, Quote, Source } from "../../src/answer/types.ts";
import { argsOf, decodeState, encodeState } from "../../src/discord/customId.ts";
import { toPayload } from "../../src/discord/payload.ts";
import { renderAbout, renderQuote, renderSearch, renderTimeline, renderWhen, renderWho } from "../../src/render/answers.ts";
import { embedLength, fitEmbed, formatDate, safeUrl, sourceLine, truncateAtLine } from "../../src/render/format.ts";
import { BIDI_CONTROLS, escapeMarkdown, escapeTruncate, truncate } from "../../src/render/limits.ts";
import type { AnswerView } from "../../src/render/model.ts";
import { buildReply } from "../../src/render/reply.ts";
import { markdownToText, replyToText } from "../../src/render/text.ts";
import { commandsByName } from "../../commands/index.ts";
import { validateMessage } from "../e2e/fakeDiscord.ts";

const asOf: AsOf = { articles: 5, newest: "2025-12" };
const src = (over: Partial<Source> = {}): Source => ({ article: "a", title: "T", outlet: "O", published: "2025-02-03", ...over });

/** Every page of a view, as public and as private reply, is a message Discord accepts. */
function allValid(view: AnswerView): void {
  expect(view.pages.length).toBeGreaterThan(0);
  view.pages.forEach((_, page) => {
    for (const ephemeral of [false, true]) {
      const payload = toPayload(buildReply(view, { page, ephemeral }), { userId: "555555555555555555", command: "who", args: ["x".repeat(64)] });
      const problem = validateMessage(JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);
      expect(problem, JSON.stringify(problem)).toBeUndefined();
      expect(payload.allowedMentions).toEqual({ parse: [] });
    }
  });
}

/**
 * Text as a user or a feed can send it, dense in what escaping is about: every markdown, mention and link character,
 * line-start markers, whitespace of every kind, bidi controls, astral and combining characters. Random graphemes
 * alone hold these so rarely that a bug in them is found by chance, in one CI run of many.
 */
const MARKUP = [..."\\*_~`|<>[]()#@-+.:/!", "1.", "-#", "> ", ">>> ", "**", "||", "https://e.org/x", "](", " ", "\n", "\t", "\u00a0", "\u2028", "\u202e", "\u2066", "🦀", "e\u0301", "a", "Z", "7"];
const text = (maxLength: number) => fc.oneof(fc.string({ unit: "grapheme", maxLength }), fc.string({ unit: fc.constantFrom(...MARKUP), maxLength: Math.ceil(maxLength / 5) }));

describe("escaping", () => {
  it("neutralises markdown, links and mentions", () => {
    expect(escapeMarkdown("@everyone <@123> **b** [x](https://e.vil) `c` ||s||")).toBe(
      "\\@everyone \\<\\@123\\> \\*\\*b\\*\\* \\[x\\]\\(https://e.vil\\) \\`c\\` \\|\\|s\\|\\|",
    );
    expect(escapeMarkdown("- item\n# heading")).toBe("\\- item \\# heading");
    expect(escapeMarkdown("2024. A year")).toBe("2024\\. A year");
  });

  it("reads back as the original text (console) for any string", () => {
    fc.assert(
      fc.property(text(200), (s) => {
        // Bidi controls are dropped from all the bot shows (BIDI_CONTROLS).
        expect(markdownToText(escapeMarkdown(s))).toBe(s.replace(/\s+/g, " ").trim().replace(BIDI_CONTROLS, ""));
      }),
      // Found by this property in CI: an escaped ">" read back as a block quote.
      { examples: [[">"], ["> x"], ["\\> x"]] },
    );
  });

  it("truncates within the limit, never inside an escape or a surrogate pair", () => {
    fc.assert(
      fc.property(text(300), fc.integer({ min: 1, max: 120 }), (s, max) => {
        const out = escapeTruncate(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(/(^|[^\\])(\\\\)*\\…?$/.test(out)).toBe(false);
        expect(/[\ud800-\udbff]…?$/.test(out)).toBe(false);
        const t = truncate(s, max);
        expect(t.length).toBeLessThanOrEqual(max);
        expect(/[\ud800-\udbff]…?$/.test(t)).toBe(false);
      }),
    );
  });
});

describe("cutting at a line", () => {
  // Text with many line breaks, so that one falls just before the limit.
  const lines = fc.string({ unit: fc.constantFrom("a", " ", "\n", "*", "🦀"), maxLength: 80 });

  it("keeps the text, its \"\\n…\" included, within the limit", () => {
    fc.assert(
      fc.property(lines, fc.integer({ min: 1, max: 80 }), (s, max) => {
        expect(truncateAtLine(s, max).length).toBeLessThanOrEqual(max);
      }),
      // Found by a wider run of the truncation property: a line break just before the limit gave max + 1 characters.
      { examples: [["aaaa\na", 5]] },
    );
  });

  it("keeps an embed within the total it is given (a follow DM's share of the message)", () => {
    fc.assert(
      fc.property(fc.array(lines, { minLength: 1, maxLength: 5 }), fc.integer({ min: 20, max: 300 }), (parts, total) => {
        const fitted = fitEmbed({ title: "t", description: parts.join("\n"), fields: [], color: 0 }, total);
        expect(embedLength(fitted)).toBeLessThanOrEqual(total);
      }),
      // The description cut to 100 characters at the line break at 99 was 101 long: the embed, 102 of 101.
      { examples: [[["x".repeat(99), "y".repeat(50)], 101]] },
    );
  });
});

describe("source lines", () => {
  it("name title, outlet and date, linking the title when the url is usable", () => {
    expect(sourceLine(src({ title: "A *t*", url: "https://x.org/a_(b)" }))).toBe(
      "— [A \\*t\\*](https://x.org/a_%28b%29), O, 3 Feb 2025",
    );
    expect(sourceLine(src({ url: "javascript:alert(1)" }))).toBe("— *T*, O, 3 Feb 2025");
    expect(safeUrl("not a url")).toBeUndefined();
    expect(formatDate("2025")).toBe("2025");
    expect(formatDate("2025-12")).toBe("Dec 2025");
  });
});

describe("answers stay inside Discord's limits", () => {
  const long = "x".repeat(5000);
  const nasty = "@everyone <@1> **bold** [link](https://a.b) `code` > quote\n# h\n- l ||spoiler|| \\ _u_ ~~s~~ 😀".repeat(40);
  const bigSource = src({ title: nasty, outlet: long, url: `https://example.org/${"p".repeat(3000)}` });
  const fact: Fact = { text: nasty, source: bigSource };
  const quote: Quote = { text: nasty, speaker: nasty, source: bigSource, context: nasty };
  const event: Event = { date: "2024-09-20", text: nasty, source: bigSource, sources: [bigSource, src({ article: "b" }), src({ article: "c" })] };

  it("for huge, hostile answers of every kind", () => {
    const person = { name: long, description: nasty, aliases: Array(50).fill(nasty), facts: Array(60).fill(fact), quotes: Array(30).fill(quote), articles: Array(40).fill(bigSource) };
    allValid(renderWho(long, { person, suggestions: [], asOf }));
    allValid(renderWho(long, { person: null, suggestions: Array(30).fill(nasty), asOf }));
    allValid(renderWhen(long, { events: Array(80).fill(event), asOf }));
    allValid(renderQuote({ speaker: long, text: long }, { quotes: Array(80).fill(quote), speaker: long, asOf }));
    allValid(renderQuote({ text: long }, { quotes: Array(80).fill({ ...quote, text: nasty.slice(100, 900), fragment: true }), speaker: null, asOf }));
    allValid(renderSearch(long, { hits: Array(80).fill({ text: nasty, matched: [nasty], source: bigSource }), asOf }));
    allValid(renderTimeline({ subject: long, events: Array(200).fill(event), asOf }));
    allValid(renderAbout({ articles: Array(300).fill(bigSource), people: 1, quotes: 2, events: 3, asOf }));
  });

  it("for arbitrary corpus text", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: fc.string({ maxLength: 2000 }), title: fc.string({ maxLength: 400 }) }), { maxLength: 30 }), (items) => {
        allValid(renderSearch("q", { hits: items.map((i) => ({ text: i.text, matched: [i.text], source: src({ title: i.title }) })), asOf }));
      }),
      { numRuns: 30 },
    );
  });

  it("shows a fragment in bold inside the sentence that quotes it, with its speaker", () => {
    const fragment: Quote = {
      text: "a lesson in patience",
      speaker: "Ingrid Solberg-Haugen",
      source: src(),
      context: 'The mayor called the delays "a lesson in patience" for the *whole* city.',
      fragment: true,
    };
    const text = replyToText(buildReply(renderQuote({ text: "patience" }, { quotes: [fragment], speaker: null, asOf }), { page: 0, ephemeral: false }));
    expect(text).toContain("The mayor called the delays “a lesson in patience” for the *whole* city.");
    expect(text).toContain("Ingrid Solberg-Haugen, quoted in the sentence");
    const [page] = renderQuote({ text: "patience" }, { quotes: [fragment], speaker: null, asOf }).pages;
    expect(JSON.stringify(page)).toContain("called the delays **“a lesson in patience”** for the \\\\*whole\\\\* city");
  });

  it("empty answers still render one page", () => {
    const view = renderWhen("nothing", { events: [], asOf });
    expect(view.pages).toHaveLength(1);
    allValid(view);
  });

  it("a search of words too common to search for says so and asks for a more specific word", () => {
    const view = renderSearch("said the", { hits: [], tooCommon: ["said"], asOf });
    expect(JSON.stringify(view.pages)).toContain("“said” is in too many sentences to search for on its own. Add a more specific word.");
    allValid(view);
  });

  it("a /when of words too common to date anything says so too", () => {
    const view = renderWhen("last year", { events: [], tooCommon: ["last", "year"], asOf });
    expect(JSON.stringify(view.pages)).toContain("“last”, “year” are in too many dated events to search for on their own. Add a more specific word.");
    allValid(view);
  });
});

describe("/when without a dated answer", () => {
  const nearest: Event = { date: "2024-09-20", text: "The bridge opened.", source: src(), sources: [src()] };

  it("shows a dateless statement as reported on its article's date, never as the event's date", () => {
    const view = renderWhen("bridge closed", { events: [], reported: [{ text: "The bridge later closed.", source: src() }], nearest: [nearest], asOf });
    const text = replyToText(buildReply(view, { page: 0, ephemeral: false }));
    expect(text).toContain("Reported 3 Feb 2025 (the article gives no date for it)");
    expect(text).toContain("The bridge later closed.");
    expect(text).toContain("20 Sep 2024");
    allValid(view);
  });

  it("offers the nearest dated events when nothing matches", () => {
    const view = renderWhen("bridge demolished", { events: [], nearest: [nearest], asOf });
    const text = replyToText(buildReply(view, { page: 0, ephemeral: false }));
    expect(text).toContain("No dated event in the corpus matches “bridge demolished”. The nearest dated events:");
    expect(text).toContain("The bridge opened.");
  });

  it("names the sentence that gives the date when it is not the event's own", () => {
    const view = renderWhen("suit filed", { events: [{ ...nearest, text: "They filed a suit.", dateSentence: "The suit was filed on Monday." }], asOf });
    expect(replyToText(buildReply(view, { page: 0, ephemeral: false }))).toContain("Dated by: The suit was filed on Monday.");
  });
});

describe("pagination", () => {
  const view = renderTimeline({ subject: null, events: Array(12).fill({ date: "2024", text: "t", source: src(), sources: [src()] }), asOf });

  it("shows Page i/n and Previous/Next, disabled at the ends, plus Share when private", () => {
    expect(view.pages.length).toBe(3);
    const first = buildReply(view, { page: 0, ephemeral: true });
    expect(first.embeds[0]?.footer).toMatch(/^Page 1\/3 · As of Dec 2025/);
    expect(first.buttons.map((b) => [b.action, b.disabled])).toEqual([["prev", true], ["next", false], ["share", false]]);
    const last = buildReply(view, { page: 2 });
    expect(last.buttons.map((b) => [b.action, b.page, b.disabled])).toEqual([["prev", 1, false], ["next", 3, true]]);
  });

  it("keeps the whole state in custom ids of at most 100 characters, round-tripping", () => {
    for (const command of commandsByName.values()) {
      const options = Object.fromEntries((command.data.options ?? []).map((o) => [o.name, "max_length" in o && o.max_length ? "é".repeat(o.max_length) : true]));
      const state = { action: "page" as const, page: 99, ephemeral: true, userId: "18446744073709551615", command: command.data.name, args: argsOf(command, options) };
      const id = encodeState(state);
      expect(id, command.data.name).toBeDefined();
      expect(id?.length).toBeLessThanOrEqual(100);
      expect(decodeState(id as string)).toEqual(state);
    }
    expect(decodeState("garbage")).toBeUndefined();
  });
});

describe("console text", () => {
  it("reads like the Discord message: links as text <url>, no markers, buttons, private note", () => {
    const view = renderSearch("rust", {
      hits: Array.from({ length: 6 }, (_, i) => ({ text: `Rust *is* here ${i}`, matched: ["Rust"], source: src({ url: "https://x.org/a" }) })),
      asOf,
    });
    const text = replyToText(buildReply(view, { ephemeral: true }));
    expect(text).toContain("(only you can see this)");
    expect(text).toContain("│ Rust *is* here 0\n— T <https://x.org/a>, O, 3 Feb 2025");
    expect(text).toMatch(/Page 1\/2 · As of Dec 2025 · 5 articles\n\[Next\] \[Share in channel\]$/);
  });
});
