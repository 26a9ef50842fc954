// What a new article holds for a follow, and whether it passes a channel's filter: people by the knowledge base's
// merged people (every name that can only mean them), words whole and in order.
import { describe, expect, it } from "vitest";
import { passesFilter, personKey, whatMatches } from "../../src/answer/articleMatch.ts";
import type { KbPerson, KnowledgeBase } from "../../src/kb/types.ts";
import { fixtureKb } from "./fixture.ts";

const kb = fixtureKb();
/** Every article's sentences, as the bot reads them before it matches (src/kb/articleTexts.ts). */
const texts = (of: KnowledgeBase) => new Map(of.articles.map((a) => [a.id, a.sentences.map((s) => s.text)]));
const person = (name: string) => kb.people.find((p) => p.name === name) as KbPerson;

describe("what an article holds for a follow", () => {
  it("a followed person's quotes in the article, with the speaker", () => {
    const items = whatMatches(kb, "tram", [{ kind: "person", key: personKey(person("Ingrid Solberg-Haugen")) }], texts(kb));
    expect(items).toEqual([{ label: "Ingrid Solberg-Haugen", kind: "person", text: "This is the day the city starts moving again,", speaker: "Ingrid Solberg-Haugen" }]);
  });

  it("without a quote, the sentence naming them; the person as merging knows them, whatever name the article uses", () => {
    // The budget article calls him "Wróbel" only; merging made that mention his.
    const items = whatMatches(kb, "budget", [{ kind: "person", key: personKey(person("Tomasz Wróbel")) }], texts(kb));
    expect(items.map((i) => [i.label, i.text])).toEqual([["Tomasz Wróbel", "Wróbel, the project's chief engineer, resigned in September 2024."]]);
  });

  it("a key holds the names that can only mean the person: the full name and forms of two words, not a shared surname", () => {
    expect(personKey({ name: "Wedson Almeida Filho", aliases: ["Wedson Almeida", "Almeida"] }).names).toEqual(["wedson almeida filho", "wedson almeida"]);
    expect(personKey({ name: "Torvalds", aliases: [] }).names).toEqual(["torvalds"]);
  });

  it("an old key still finds the person once their canonical name grew", () => {
    const grown = { ...kb, people: kb.people.map((p) => (p.name === "Tomasz Wróbel" ? { ...p, name: "Tomasz J. Wróbel", aliases: ["Tomasz Wróbel", "Wróbel"] } : p)) };
    expect(whatMatches(grown, "budget", [{ kind: "person", key: personKey(person("Tomasz Wróbel")) }], texts(grown))).toHaveLength(1);
  });

  it("words match whole and in order, any case; a person absent from the article matches nothing", () => {
    expect(whatMatches(kb, "budget", [{ kind: "words", phrase: "TRAM budget" }], texts(kb)).map((i) => i.text)).toEqual(["The tram budget doubled in January 2025, the finance office said."]);
    expect(whatMatches(kb, "budget", [{ kind: "words", phrase: "budget tram" }], texts(kb))).toEqual([]);
    expect(whatMatches(kb, "budget", [{ kind: "words", phrase: "bud" }], texts(kb))).toEqual([]);
    expect(whatMatches(kb, "tram", [{ kind: "person", key: { name: "Nobody", names: ["nobody"] } }], texts(kb))).toEqual([]);
  });
});

describe("a channel's filter", () => {
  it("passes everything when empty; each list given must be met by one of its entries", () => {
    expect(passesFilter(kb, "budget", {}, texts(kb))).toBe(true);
    expect(passesFilter(kb, "budget", { people: ["Wróbel", "Someone Else"] }, texts(kb))).toBe(true);
    expect(passesFilter(kb, "tram", { people: ["Someone Else"] }, texts(kb))).toBe(false);
    expect(passesFilter(kb, "budget", { outlets: ["harbour herald"], words: ["finance office"] }, texts(kb))).toBe(true);
    expect(passesFilter(kb, "budget", { outlets: ["Other Times"], words: ["finance office"] }, texts(kb))).toBe(false);
  });

  it("quotes only: an article with a quote passes, one without does not", () => {
    const noQuotes = { ...kb, quotes: kb.quotes.filter((q) => q.article !== "budget") };
    expect(passesFilter(kb, "budget", { quotesOnly: true }, texts(kb))).toBe(true);
    expect(passesFilter(noQuotes, "budget", { quotesOnly: true }, texts(noQuotes))).toBe(false);
  });
});

describe("a quote's speaker", () => {
  it("given as one word only the followed person bears is theirs; a word two people bear is no one's", () => {
    const kb2 = {
      ...kb,
      people: [...kb.people, { name: "Anna Wróbel", description: "", aliases: ["Anna"], articles: ["tram"], mentions: [] }],
      quotes: [...kb.quotes, { article: "budget", sentence: 0, text: "We ship in spring", speaker: "Solberg-Haugen" }],
    };
    const ingrid = personKey(person("Ingrid Solberg-Haugen"));
    expect(whatMatches(kb2, "budget", [{ kind: "person", key: ingrid }], texts(kb2)).map((i) => i.text)).toEqual(["We ship in spring"]);
    const shared = { ...kb2, quotes: [...kb.quotes, { article: "budget", sentence: 0, text: "Not me", speaker: "Wróbel" }] };
    expect(whatMatches(shared, "budget", [{ kind: "person", key: personKey(person("Tomasz Wróbel")) }], texts(shared)).map((i) => i.text)).not.toContain("Not me");
  });
});
