import type { Answers, Event, Quote, Source } from "../answer/types.ts";

// Plain-text answers for the terminal (`npm run ask -- who "Linus Torvalds"`).

const cite = (s: Source) => `  — ${s.title}, ${s.outlet}, ${s.published}${s.url ? ` <${s.url}>` : ""}`;
const quoteLines = (q: Quote) => [`"${q.text}" — ${q.speaker ?? "unnamed speaker"}`, cite(q.source)];
const eventLines = (e: Event) => [`${e.date}: ${e.text}`, ...(e.dateSentence ? [`  (dated by: ${e.dateSentence})`] : []), ...e.sources.map(cite)];

export const ASK_COMMANDS = ["who", "when", "quote", "search", "timeline"] as const;
export type AskCommand = (typeof ASK_COMMANDS)[number];

export function formatAnswer(answers: Answers, command: AskCommand, query: string): string {
  const lines: string[] = [];
  const asOf = answers.asOf();
  switch (command) {
    case "who": {
      const { person, suggestions } = answers.who(query);
      if (!person) {
        lines.push(`No one in the corpus matches "${query}".`);
        if (suggestions.length) lines.push(`Did you mean: ${suggestions.join(", ")}?`);
        break;
      }
      lines.push(person.name + (person.description ? `: ${person.description}` : ""));
      if (person.aliases.length) lines.push(`Also: ${person.aliases.join(", ")}`);
      for (const f of person.facts.slice(0, 5)) lines.push(`• ${f.text}`, cite(f.source));
      for (const q of person.quotes.slice(0, 3)) lines.push(...quoteLines(q));
      break;
    }
    case "when": {
      const { events, tooCommon, reported = [], nearest = [] } = answers.when(query);
      if (tooCommon) lines.push(tooCommonLine(tooCommon));
      else if (!events.length) lines.push(`No dated event in the corpus matches "${query}".`);
      for (const e of events.slice(0, 5)) lines.push(...eventLines(e));
      for (const f of reported) lines.push(`Reported ${f.source.published} (no date given for the event): ${f.text}`, cite(f.source));
      if (nearest.length) lines.push("Nearest dated events:");
      for (const e of nearest) lines.push(...eventLines(e));
      break;
    }
    case "quote": {
      const { quotes, speaker } = answers.quote(query);
      if (!quotes.length)
        lines.push(speaker ? `${speaker} has no direct quote in the corpus.` : `No quote in the corpus matches "${query}".`);
      for (const q of quotes.slice(0, 5)) lines.push(...quoteLines(q));
      break;
    }
    case "search": {
      const { hits, tooCommon } = answers.search(query);
      if (tooCommon) lines.push(tooCommonLine(tooCommon));
      else if (!hits.length) lines.push(`Nothing in the corpus matches "${query}".`);
      for (const h of hits.slice(0, 10)) lines.push(`• ${h.text}`, cite(h.source));
      break;
    }
    case "timeline": {
      const t = answers.timeline(query || undefined);
      lines.push(`Timeline${t.subject ? ` of ${t.subject}` : ""}:`);
      if (!t.events.length) lines.push("No dated events.");
      for (const e of t.events) lines.push(...eventLines(e));
      break;
    }
  }
  lines.push(`(as of ${asOf.articles} articles, newest ${asOf.newest})`);
  return lines.join("\n");
}

function tooCommonLine(words: string[]): string {
  return `Too common to search for on their own: ${words.join(", ")}. Add a more specific word.`;
}
