// Pure functions from answers to views. Everything taken from the corpus is escaped; every limit is respected.
import type {
  Answers,
  Event,
  Fact,
  QuoteAnswer,
  SearchAnswer,
  TimelineAnswer,
  WhenAnswer,
  WhoAnswer,
} from "../answer/types.ts";
import { citedBlock, escapeHighlighted, formatDate, fragmentInSentence, paginate, sourceLine } from "./format.ts";
import { escapeTruncate } from "./limits.ts";
import type { AnswerView } from "./model.ts";

const q = (s: string, max = 80): string => `“${escapeTruncate(s, max)}”`;

function eventBlock(e: Event): string {
  const others = e.sources.filter((s) => s.article !== e.source.article).slice(0, 2);
  const also = others.map((s) => `\n${sourceLine(s)}`).join("");
  const datedBy = e.dateSentence ? `\n> *Dated by:* ${escapeTruncate(e.dateSentence, 400)}` : "";
  return `**${formatDate(e.date)}**\n> ${escapeTruncate(e.text, 700)}${datedBy}\n${sourceLine(e.source)}${also}`;
}

/** A statement with no date of its own: only when it was reported, never dressed as the event's date. */
function reportedBlock(f: Fact): string {
  return `**Reported ${formatDate(f.source.published)}** (the article gives no date for it)\n> ${escapeTruncate(f.text, 700)}\n${sourceLine(f.source)}`;
}

export function renderWho(query: string, a: WhoAnswer): AnswerView {
  const p = a.person;
  if (!p) {
    const did = a.suggestions.slice(0, 5).map((s) => `**${escapeTruncate(s, 80)}**`);
    return {
      pages: paginate({
        title: `No one called ${q(query)} in the corpus`,
        blocks: [],
        perPage: 1,
        asOf: a.asOf,
        empty: did.length
          ? `Did you mean ${did.join(", ")}? Try \`/who\` with one of those names.`
          : "Try `/search` with a few words instead, or start typing in `/who` to pick a name.",
      }),
    };
  }
  const blocks = [
    ...p.facts.map((f) => citedBlock(f.text, f.source)),
    ...p.quotes.map((qt) => citedBlock(`“${qt.text}”`, qt.source)),
  ];
  const fields = [];
  if (p.aliases.length > 0) fields.push({ name: "Also called", value: escapeTruncate(p.aliases.join(", "), 1000) });
  if (p.articles.length > 0) {
    const n = p.articles.length;
    fields.push({ name: "Mentioned in", value: `${n} article${n === 1 ? "" : "s"}`, inline: true });
  }
  const intro = p.description ? `*${escapeTruncate(p.description, 500)}*` : undefined;
  return {
    pages: paginate({
      title: escapeTruncate(p.name, 200),
      ...(intro ? { intro } : {}),
      fields,
      blocks,
      perPage: 4,
      asOf: a.asOf,
      empty: "The corpus names this person but says nothing more about them.",
    }),
  };
}

/** Why a query of only very common words found nothing, and what to do. */
function tooCommonNote(words: string[], where: string): string {
  const one = words.length === 1;
  return `${words.map((w) => q(w)).join(", ")} ${one ? "is" : "are"} in too many ${where} to search for on ${one ? "its" : "their"} own. Add a more specific word.`;
}

export function renderWhen(query: string, a: WhenAnswer): AnswerView {
  const title = `When: ${escapeTruncate(query, 200)}`;
  const noDate = `No dated event in the corpus matches ${q(query)}.`;
  const nearest = a.nearest ?? [];
  if (a.events.length === 0 && (a.reported?.length || nearest.length)) {
    const reported = a.reported ?? [];
    const intro = reported.length
      ? `The corpus states this without a date.${nearest.length ? " Dated events nearest to it follow." : ""}`
      : `${noDate} The nearest dated events:`;
    return { pages: paginate({ title, intro, blocks: [...reported.map(reportedBlock), ...nearest.map(eventBlock)], perPage: 4, asOf: a.asOf }) };
  }
  return {
    pages: paginate({
      title,
      blocks: a.events.map(eventBlock),
      perPage: 4,
      asOf: a.asOf,
      empty: a.tooCommon
        ? tooCommonNote(a.tooCommon, "dated events")
        : `${noDate} Start typing in \`/when\` to pick one, or try \`/timeline\`.`,
    }),
  };
}

export function renderQuote(query: { speaker?: string; text?: string }, a: QuoteAnswer): AnswerView {
  const who = a.speaker ?? query.speaker;
  const title = who
    ? `Quotes from ${escapeTruncate(who, 150)}${query.text ? ` about ${q(query.text, 60)}` : ""}`
    : `Quotes matching ${q(query.text ?? "", 150)}`;
  const blocks = a.quotes.map((qt) => {
    const speaker = qt.speaker ? `\n> — **${escapeTruncate(qt.speaker, 100)}**` : "";
    // A fragment is shown as part of the sentence that quotes it, not as words said on their own.
    if (qt.fragment) return `> ${fragmentInSentence(qt.text, qt.context ?? "", 800)}${speaker}${speaker ? ", quoted in the sentence" : ""}\n${sourceLine(qt.source)}`;
    return `> “${escapeTruncate(qt.text, 800)}”${speaker}\n${sourceLine(qt.source)}`;
  });
  return {
    pages: paginate({
      title,
      blocks,
      perPage: 4,
      asOf: a.asOf,
      empty: "No quote in the corpus matches. Try another speaker (start typing to pick one) or fewer words.",
    }),
  };
}

export function renderSearch(query: string, a: SearchAnswer): AnswerView {
  return {
    pages: paginate({
      title: `Search: ${escapeTruncate(query, 200)}`,
      blocks: a.hits.map((h) => `> ${escapeHighlighted(h.matched, h.text)}\n${sourceLine(h.source)}`),
      perPage: 5,
      asOf: a.asOf,
      empty: a.tooCommon ? tooCommonNote(a.tooCommon, "sentences") : `Nothing in the corpus matches ${q(query)}. Try fewer or different words.`,
    }),
  };
}

export function renderTimeline(a: TimelineAnswer): AnswerView {
  return {
    pages: paginate({
      title: a.subject ? `Timeline: ${escapeTruncate(a.subject, 200)}` : "Timeline of the corpus",
      blocks: a.events.map(eventBlock),
      perPage: 5,
      asOf: a.asOf,
      empty: a.subject
        ? "The corpus dates no event for this subject. Try `/timeline` without a name for everything."
        : "The corpus dates no event yet.",
    }),
  };
}

export const USAGE = [
  "`/who name`: who someone is, with the sentences that say so",
  "`/when event`: when something happened",
  "`/quote speaker text`: what someone said (either or both)",
  "`/search query`: sentences matching words",
  "`/timeline [person]`: dated events in order",
  "Add `private:True` to see an answer only you can see, with a button to share it.",
].join("\n");

export function renderAbout(a: ReturnType<Answers["about"]>): AnswerView {
  const { asOf } = a;
  const intro =
    `I answer questions about **${asOf.articles}** news article${asOf.articles === 1 ? "" : "s"}` +
    `${asOf.newest ? ` (newest from ${formatDate(asOf.newest)})` : ""}, citing the sentences I rely on. ` +
    `I know ${a.people} people, ${a.quotes} quotes and ${a.events} dated events.`;
  return {
    pages: paginate({
      title: "About this bot",
      intro,
      fields: [{ name: "How to ask", value: USAGE }],
      blocks: a.articles.map((s) => sourceLine(s).replace(/^— /, "• ")),
      perPage: 10,
      asOf,
    }),
  };
}
