import { splitSentences } from "../../src/extract/sentences.ts";
import type { KbArticle, KbEvent, KbPerson, KbQuote, KnowledgeBase } from "../../src/kb/types.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

// A small hand-made knowledge base on a topic far from the seed corpus (a city's tram project), so the answer
// functions are tested on their own, whatever the extractors find.

const articleTexts: Record<string, { title: string; published: string; text: string; url?: string }> = {
  tram: {
    title: "Harbour City approves its first tram line",
    published: "2024-03",
    url: "https://news.example/tram",
    text:
      "Mayor Ingrid Solberg-Haugen, who leads the city council, announced the vote on March 12, 2024. " +
      "\"This is the day the city starts moving again,\" Solberg-Haugen said. " +
      "Transport engineer Tomasz Wróbel designed the route. " +
      "Construction began in 2019 after years of debate. " +
      "The council first discussed a tram in 2015.",
  },
  budget: {
    title: "Tram budget doubles",
    published: "2025-01",
    text:
      "The tram budget doubled in January 2025, the finance office said. " +
      "Wróbel, the project's chief engineer, resigned in September 2024. " +
      "His resignation letter cited delays. " +
      "\"We built it twice over on paper before we laid one rail,\" an official added. " +
      "Ingrid Solberg-Haugen said the line would open in 2026. " +
      "Solberg-Haugen called the delays \"a lesson in patience\" for the whole city.",
  },
};

function article(id: string): KbArticle {
  const a = articleTexts[id]!;
  return { id, title: a.title, outlet: "Harbour Herald", published: a.published, ...(a.url ? { url: a.url } : {}), sentences: splitSentences(a.text) };
}

const findSentence = (a: KbArticle, needle: string) => {
  const s = a.sentences.find((x) => x.text.includes(needle));
  if (!s) throw new Error(`fixture: no sentence with ${needle}`);
  return s.index;
};

export function fixtureKb(): KnowledgeBase {
  const tram = article("tram");
  const budget = article("budget");
  const ref = (a: KbArticle, needle: string) => ({ article: a.id, sentence: findSentence(a, needle) });
  const people: KbPerson[] = [
    {
      name: "Ingrid Solberg-Haugen",
      description: "Mayor, who leads the city council",
      descriptionSource: ref(tram, "Mayor Ingrid"),
      aliases: ["Solberg-Haugen", "Ingrid"],
      articles: ["tram", "budget"],
      mentions: [ref(tram, "Mayor Ingrid"), ref(tram, "starts moving"), ref(budget, "would open")],
    },
    {
      name: "Tomasz Wróbel",
      description: "Transport engineer",
      descriptionSource: ref(tram, "designed the route"),
      aliases: ["Wróbel"],
      articles: ["tram", "budget"],
      mentions: [ref(tram, "designed the route"), ref(budget, "resigned")],
    },
  ];
  const quotes: KbQuote[] = [
    { ...ref(tram, "starts moving"), text: "This is the day the city starts moving again,", speaker: "Ingrid Solberg-Haugen" },
    { ...ref(budget, "laid one rail"), text: "We built it twice over on paper before we laid one rail,", speaker: null },
  ];
  const events: KbEvent[] = [
    { ...ref(tram, "announced the vote"), date: "2024-03-12", dateText: "March 12, 2024" },
    { ...ref(tram, "Construction began"), date: "2019", dateText: "2019" },
    { ...ref(tram, "first discussed"), date: "2015", dateText: "2015" },
    { ...ref(budget, "budget doubled"), date: "2025-01", dateText: "January 2025" },
    { ...ref(budget, "resigned"), date: "2024-09", dateText: "September 2024" },
    { ...ref(budget, "would open"), date: "2026", dateText: "2026" },
  ];
  const fragments: KbQuote[] = [{ ...ref(budget, "lesson in patience"), text: "a lesson in patience", speaker: "Ingrid Solberg-Haugen" }];
  return { articles: [tram, budget], people, quotes, fragments, events: EventTable.of(events) };
}
