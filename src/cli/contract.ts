import type { Answers, Event, Person, Quote, Source } from "../answer/types.ts";

// The answer shapes of shared/eval/README.md, exactly: extra fields the bot uses (context, sources, articles)
// are left out so the contract stays what it says.

const source = (s: Source): Source => ({
  article: s.article,
  title: s.title,
  outlet: s.outlet,
  published: s.published,
  ...(s.url ? { url: s.url } : {}),
});
const quote = (q: Quote) => ({ text: q.text, speaker: q.speaker, source: source(q.source) });
const event = (e: Event) => ({ date: e.date, text: e.text, source: source(e.source) });
const person = (p: Person) => ({
  name: p.name,
  description: p.description,
  aliases: p.aliases,
  facts: p.facts.map((f) => ({ text: f.text, source: source(f.source) })),
  quotes: p.quotes.map(quote),
});

export type ContractCommand = "who" | "when" | "quote";

export function answerContract(answers: Answers, command: ContractCommand, query: string): object {
  switch (command) {
    case "who": {
      const p = answers.who(query).person;
      return { command, query, person: p ? person(p) : null };
    }
    case "when":
      return { command, query, events: answers.when(query).events.map(event) };
    case "quote":
      return { command, query, quotes: answers.quote(query).quotes.map(quote) };
  }
}

/** One JSON line in, one JSON line out; a line that is not a valid request gets an `error` answer, never a crash. */
export function answerJsonLine(answers: Answers, line: string): string {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return JSON.stringify({ command: null, query: null, error: "not a JSON object" });
  }
  const { command, query } = (request ?? {}) as { command?: unknown; query?: unknown };
  if (command !== "who" && command !== "when" && command !== "quote") {
    return JSON.stringify({ command: command ?? null, query: query ?? null, error: 'command must be "who", "when" or "quote"' });
  }
  return JSON.stringify(answerContract(answers, command, typeof query === "string" ? query : String(query ?? "")));
}
