// What a new article adds, as one Discord embed: who it introduces (with their role), up to three notable
// quotes with their speakers, and its dated events. Short lines, escaped corpus text, every limit respected
// (fitEmbed), so it reads as a notice rather than a wall of text.
import { sentencesOf, type ArticleSentences } from "../kb/articleTexts.ts";
import type { KbArticle, KbPerson, KbQuote, KnowledgeBase } from "../kb/types.ts";
import { fitEmbed, formatDate, safeUrl } from "../render/format.ts";
import { escapeTruncate, LIMITS, plain } from "../render/limits.ts";
import type { EmbedView, FieldView } from "../render/model.ts";
import type { FoldedArticle } from "./recordShape.ts";

export const ANNOUNCE_COLOR = 0x2f855a;
const MAX_NEW_PEOPLE = 6;
const MAX_KNOWN_PEOPLE = 8;
const MAX_QUOTES = 3;
const MAX_EVENTS = 5;
const MAX_ALSO = 8;

/**
 * The announcement for one article of the knowledge base; undefined when the article is not in it. `texts`: the
 * article's sentences, read (src/kb/articleTexts.ts). `also`: copies of the story from other outlets, listed as "also
 * reported by".
 */
export function composeAnnouncement(kb: KnowledgeBase, articleId: string, texts: ArticleSentences, also: readonly FoldedArticle[] = []): EmbedView | undefined {
  const article = kb.articles.find((a) => a.id === articleId);
  if (!article) return undefined;
  const fields: FieldView[] = [];
  const { introduced, known } = peopleOf(kb, articleId);
  if (introduced.length > 0) {
    fields.push({ name: "New people", value: lines(introduced.slice(0, MAX_NEW_PEOPLE).map(personLine), introduced.length - MAX_NEW_PEOPLE) });
  }
  if (known.length > 0) {
    const shown = known.slice(0, MAX_KNOWN_PEOPLE).map((p) => `**${escapeTruncate(p.name, 80)}**`);
    const more = known.length - shown.length;
    fields.push({ name: introduced.length > 0 ? "Also mentions" : "People", value: shown.join(", ") + (more > 0 ? ` and ${more} more` : "") });
  }
  const quotes = notableQuotes(kb.quotes.filter((q) => q.article === articleId));
  if (quotes.length > 0) fields.push({ name: "Quotes", value: lines(quotes.map(quoteLine), 0, "\n\n") });
  const events = datedEvents(kb, article, sentencesOf(texts, articleId));
  if (events.length > 0) fields.push({ name: "Dated events", value: lines(events.slice(0, MAX_EVENTS), events.length - MAX_EVENTS) });
  const others = alsoReported(article, also);
  if (others.length > 0) fields.push({ name: "Also reported by", value: lines(others.slice(0, MAX_ALSO), others.length - MAX_ALSO) });

  const byline = [`*${escapeTruncate(article.outlet, 100)}*`, formatDate(article.published)];
  if (article.author) byline.push(`by ${escapeTruncate(article.author, 100)}`);
  const counts = [
    count(kb.people.filter((p) => p.articles.includes(articleId)).length, "person", "people"),
    count(kb.quotes.filter((q) => q.article === articleId).length, "quote", "quotes"),
    count(new Set(kb.events.ofArticle(articleId).map((e) => e.sentence)).size, "dated event", "dated events"),
  ];
  const embed: EmbedView = {
    title: escapeTruncate(article.title, LIMITS.title),
    description: `${byline.join(" · ")}\n${counts.join(" · ")}`,
    fields,
    author: plain(`New article · ${article.outlet}`, LIMITS.author),
    footer: "Ask about it: /who · /quote · /when",
    color: ANNOUNCE_COLOR,
  };
  const url = safeUrl(article.url);
  if (url) embed.url = url;
  return fitEmbed(embed);
}

/** People the article names, split into those no other article names ("introduced") and those already known. */
function peopleOf(kb: KnowledgeBase, articleId: string): { introduced: KbPerson[]; known: KbPerson[] } {
  const here = (p: KbPerson): number => p.mentions.filter((m) => m.article === articleId).length;
  // People with a stated role first: "who is this" is what a new name needs.
  const role = (p: KbPerson): number => (p.description ? 1 : 0);
  const people = kb.people
    .filter((p) => p.articles.includes(articleId))
    .sort((a, b) => role(b) - role(a) || here(b) - here(a) || a.name.localeCompare(b.name));
  return {
    introduced: people.filter((p) => p.articles.length === 1),
    known: people.filter((p) => p.articles.length > 1),
  };
}

function personLine(p: KbPerson): string {
  const name = `**${escapeTruncate(p.name, 80)}**`;
  return p.description ? `${name}, ${escapeTruncate(p.description, 120)}` : name;
}

/** Quotes worth a headline: with a speaker, a sentence or two long, from different speakers; in article order. */
export function notableQuotes(quotes: KbQuote[], max = MAX_QUOTES): KbQuote[] {
  const score = (q: KbQuote): number => {
    const n = q.text.length;
    return (q.speaker ? 4 : 0) + (n >= 40 && n <= 300 ? 2 : n >= 20 ? 1 : 0) + Math.min(n, 200) / 200;
  };
  const ranked = [...quotes].sort((a, b) => score(b) - score(a) || a.sentence - b.sentence);
  const picked: KbQuote[] = [];
  const speakers = new Set<string | null>();
  for (const pass of [true, false]) {
    for (const q of ranked) {
      if (picked.length >= max) break;
      if (picked.includes(q) || (pass && speakers.has(q.speaker))) continue;
      picked.push(q);
      speakers.add(q.speaker);
    }
  }
  return picked.sort((a, b) => a.sentence - b.sentence);
}

function quoteLine(q: KbQuote): string {
  const speaker = q.speaker ? `\n— **${escapeTruncate(q.speaker, 80)}**` : "";
  return `> “${escapeTruncate(q.text, 260)}”${speaker}`;
}

/** The article's dated sentences in date order, one line each. */
function datedEvents(kb: KnowledgeBase, article: KbArticle, sentences: readonly string[]): string[] {
  const seen = new Set<number>();
  return kb.events
    .ofArticle(article.id)
    .sort((a, b) => a.date.localeCompare(b.date) || a.sentence - b.sentence)
    .filter((e) => {
      if (seen.has(e.sentence)) return false;
      seen.add(e.sentence);
      return true;
    })
    .map((e) => `**${formatDate(e.date)}** · ${escapeTruncate(sentences[e.sentence] ?? e.dateText, 150)}`);
}

/** "*Outlet*: [title](url)" for each copy from another outlet than the story's, one line per outlet. */
function alsoReported(article: KbArticle, also: readonly FoldedArticle[]): string[] {
  const outlets = new Set([article.outlet.trim().toLowerCase()]);
  return also.flatMap((a) => {
    const outlet = (a.outlet ?? "").trim();
    if (!outlet || outlets.has(outlet.toLowerCase())) return [];
    outlets.add(outlet.toLowerCase());
    const url = safeUrl(a.url);
    const title = escapeTruncate(a.title, 120);
    return [`*${escapeTruncate(outlet, 60)}*: ${url ? `[${title}](${url})` : title}`];
  });
}

export function foldedArticle(kb: KnowledgeBase, id: string): FoldedArticle {
  const a = kb.articles.find((x) => x.id === id);
  return { id, title: a?.title ?? id, ...(a?.outlet && { outlet: a.outlet }), ...(a?.url && { url: a.url }) };
}

/** One post for the articles past the burst limit: their titles (linked), as many as fit, then "and N more". */
export function composeSummary(articles: readonly FoldedArticle[]): EmbedView {
  const line = (a: FoldedArticle): string => {
    const title = escapeTruncate(a.title, 150);
    const url = safeUrl(a.url);
    return `• ${url ? `[${title}](${url})` : title}${a.outlet ? ` · *${escapeTruncate(a.outlet, 60)}*` : ""}`;
  };
  return fitEmbed({
    title: `${count(articles.length, "more new article", "more new articles")}`,
    description: lines(articles.map(line), 0, "\n", LIMITS.description),
    fields: [],
    author: "New articles",
    footer: "Too many at once to announce one by one. Ask about them: /search · /who · /quote · /when",
    color: ANNOUNCE_COLOR,
  });
}

/** Lines joined within `limit` characters (a field's 1,024), ending with "and N more" when some are left out. */
function lines(items: string[], hidden: number, sep = "\n", limit: number = LIMITS.fieldValue): string {
  const total = items.length + Math.max(0, hidden);
  const more = (n: number): string => (n > 0 ? `${sep}*and ${n} more*` : "");
  const out: string[] = [];
  let length = 0;
  for (const item of items) {
    // Counted as it grows: a summary may list hundreds of titles.
    if (length + (out.length > 0 ? sep.length : 0) + item.length + more(total - out.length - 1).length > limit) break;
    length += (out.length > 0 ? sep.length : 0) + item.length;
    out.push(item);
  }
  return out.join(sep) + more(total - out.length);
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
