// The failing examples the hostile-input properties found, kept as plain tests.
import { describe, expect, it } from "vitest";
import { commandsByName } from "../../commands/index.ts";
import { reloadText } from "../../commands/reload.ts";
import { createAnswers } from "../../src/answer/index.ts";
import { clip } from "../../src/answer/text.ts";
import { parseLine } from "../../src/console/parse.ts";
import { decodeState, encodeState } from "../../src/discord/customId.ts";
import { fitValue } from "../../src/discord/handling/autocomplete.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { choiceProblems, messageProblems } from "./checks.ts";
import { route, type Json } from "./drive.ts";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const embedOf = (m: Json | undefined): Json => ((m?.embeds as Json[] | undefined) ?? [])[0] ?? {};

describe("a right-to-left override cannot turn the bot's own words around", () => {
  it("in a query echoed in the title", async () => {
    const kb = fixtureKb();
    const { messages } = await route(createAnswers(kb), kb, { kind: "command", command: "who", options: { name: "\u202eevil" } });
    expect(embedOf(messages[0]).title).toBe("No one called “evil” in the corpus");
    const quote = await route(createAnswers(kb), kb, { kind: "command", command: "quote", options: { text: "\u2067evil" } });
    expect(embedOf(quote.messages[0]).title).toBe("Quotes matching “evil”");
  });

  it("in an article's outlet (announcement author) or a skipped file's name", async () => {
    const kb = fixtureKb();
    kb.articles = kb.articles.map((a) => ({ ...a, outlet: `\u202e${a.outlet}` }));
    const { messages } = await route(createAnswers(kb), kb, { kind: "command", command: "announce", subcommand: "preview", options: { article: "tram" } });
    expect((embedOf(messages[0]).author as Json).name).toBe("New article · Harbour Herald");
    expect(messageProblems(messages[0] as Json)).toEqual([]);
    const report = { added: [], changed: [], removed: [], articles: 2, extracted: 0, ms: 1, skipped: [{ file: "corpus/\u202edm.exe.md", problem: "no front matter" }] };
    expect(reloadText(report)).toContain("`dm.exe.md`");
  });
});

describe("a query of emoji that Discord accepts keeps its answer pageable", () => {
  it("fits the page state of 64 emoji in a custom id (Discord counts code points)", () => {
    const state = { action: "page" as const, page: 1, ephemeral: true, userId: "18446744073709551615", command: "timeline", args: ["🦀".repeat(64)] };
    const id = encodeState(state);
    expect(id).toBeDefined();
    expect(decodeState(id as string)).toEqual(state);
  });

  it("is taken by the console, as by Discord", () => {
    expect(parseLine(`/who ${"🦀".repeat(64)}`, commandsByName).kind).toBe("command");
    expect(parseLine(`/who ${"🦀".repeat(65)}`, commandsByName).kind).toBe("hint");
  });
});

describe("autocomplete never sends half an emoji", () => {
  it("when a suggestion or a choice value is cut", () => {
    for (let n = 1; n < 120; n++) {
      const text = `${"a".repeat(n % 3)}${"🦀".repeat(n)}`;
      expect(LONE_SURROGATE.test(clip(text, 100)), text).toBe(false);
      expect(LONE_SURROGATE.test(fitValue(text, 64)), text).toBe(false);
      expect(LONE_SURROGATE.test(fitValue(text, 32)), text).toBe(false);
    }
  });

  it("for a person named in emoji", async () => {
    const kb = fixtureKb();
    kb.people = kb.people.map((p, i) => ({ ...p, name: `${"x".repeat(i)}${"🦀".repeat(60)}` }));
    kb.quotes = kb.quotes.map((q) => ({ ...q, speaker: q.speaker && kb.people[0]?.name ? kb.people[0].name : null }));
    for (const [command, option, max] of [["who", "name", 64], ["quote", "speaker", 32]] as const) {
      const { calls } = await route(createAnswers(kb), kb, { kind: "autocomplete", command, focused: option, options: { [option]: "" } });
      const choices = calls[0]?.body as Json[];
      expect(choices.length).toBe(2);
      expect(choiceProblems(choices, max)).toEqual([]);
    }
  });
});
