// What a new article holds for someone who follows a person or some words, and whether it passes a channel's
// filter. People are the knowledge base's merged people (the people extractor, then merging across articles): a
// follow of "Linus Torvalds" matches an article that only says "Torvalds" once merging has put that mention with
// him; a quote whose speaker the extractor gave as one word only he bears ("Torvalds") is his too. Words match
// whole words in order, case and accents folded, as everywhere else in the bot.
import { sentencesOf, type ArticleSentences } from "../kb/articleTexts.ts";
import type { KbArticle, KbPerson, KnowledgeBase } from "../kb/types.ts";
import { foldName } from "./names.ts";
import { tokenize } from "./text.ts";

/** A person to look for, by the names that can only mean them (folded). */
export interface PersonKey {
  name: string;
  names: string[];
}

/**
 * The key of a person the corpus knows: their canonical name and the forms of two words or more that merging gave
 * them ("Wedson Almeida", never "Almeida", which another Almeida shares). A person known by one word only is
 * looked for by that word.
 */
export function personKey(person: { name: string; aliases: readonly string[] }): PersonKey {
  const forms = [person.name, ...person.aliases].map(foldName).filter((f, i) => f && (i === 0 || f.includes(" ")));
  return { name: person.name, names: [...new Set(forms)] };
}

/**
 * The key for a name as someone typed it (a channel filter): the person of the knowledge base it is a name of, or,
 * for someone the corpus does not know yet, that name only.
 */
export function keyForName(kb: KnowledgeBase, name: string): PersonKey {
  const folded = foldName(name);
  const known = kb.people.find((p) => [p.name, ...p.aliases].some((n) => foldName(n) === folded));
  return known ? personKey(known) : { name, names: [folded].filter(Boolean) };
}

/** The person of `kb` the key means, among the people `articleId` names. */
export function personIn(kb: KnowledgeBase, articleId: string, key: PersonKey): KbPerson | undefined {
  const wanted = new Set(key.names);
  return kb.people.find((p) => p.articles.includes(articleId) && [p.name, ...p.aliases].some((n) => wanted.has(foldName(n))));
}

// Each knowledge base's people by every word that can name them alone: each one-word name, and each last word.
const byWord = new WeakMap<KnowledgeBase, Map<string, KbPerson[]>>();

function peopleByWord(kb: KnowledgeBase): Map<string, KbPerson[]> {
  let map = byWord.get(kb);
  if (map) return map;
  map = new Map();
  for (const p of kb.people) {
    const words = new Set([p.name, ...p.aliases].map((n) => foldName(n).split(" ").at(-1) ?? "").filter(Boolean));
    for (const w of words) map.set(w, [...(map.get(w) ?? []), p]);
  }
  byWord.set(kb, map);
  return map;
}

/**
 * Whether a quote's speaker, as the quote extractor gave it, is the person of the key: one of their names, or one
 * word that only they bear in the knowledge base ("Torvalds" in an article that never gives his full name).
 */
export function speakerMeans(kb: KnowledgeBase, speaker: string, key: PersonKey): boolean {
  const s = foldName(speaker);
  if (key.names.includes(s)) return true;
  if (s.includes(" ")) return false;
  const holders = peopleByWord(kb).get(s) ?? [];
  return holders.length === 1 && [holders[0]?.name ?? "", ...(holders[0]?.aliases ?? [])].some((n) => key.names.includes(foldName(n)));
}

/**
 * The sentences of the article holding the phrase (whole words, in order), and whether its title does. `texts`: the
 * article's sentences, read (src/kb/articleTexts.ts).
 */
export function phraseIn(article: KbArticle, phrase: string, texts: ArticleSentences): { title: boolean; sentences: string[] } {
  const wanted = tokenize(phrase);
  if (wanted.length === 0) return { title: false, sentences: [] };
  const holds = (text: string) => ` ${tokenize(text).join(" ")} `.includes(` ${wanted.join(" ")} `);
  return { title: holds(article.title), sentences: sentencesOf(texts, article.id).filter(holds) };
}

/** One thing an article holds for a follow: a quote of the person, a sentence naming them, or a sentence with the words. */
export interface MatchedItem {
  /** What matched: the person's name as the corpus now has it, or the words. */
  label: string;
  kind: "person" | "words";
  /** The quote (its words only) or the sentence. */
  text: string;
  /** For a quote: who said it. */
  speaker?: string;
}

export type FollowCriterion = { kind: "person"; key: PersonKey } | { kind: "words"; phrase: string };

const PER_FOLLOW = 2;

/**
 * What `articleId` holds for each criterion (none: the article does not match), the person's quotes first. `texts`:
 * the article's sentences, read (src/kb/articleTexts.ts).
 */
export function whatMatches(kb: KnowledgeBase, articleId: string, criteria: readonly FollowCriterion[], texts: ArticleSentences): MatchedItem[] {
  const article = kb.articles.find((a) => a.id === articleId);
  if (!article) return [];
  const items: MatchedItem[] = [];
  for (const c of criteria) {
    if (c.kind === "words") {
      const found = phraseIn(article, c.phrase, texts);
      const sentences = found.sentences.length > 0 ? found.sentences : found.title ? [article.title] : [];
      items.push(...sentences.slice(0, PER_FOLLOW).map((text) => ({ label: c.phrase, kind: "words" as const, text })));
      continue;
    }
    const person = personIn(kb, articleId, c.key);
    const quotes = kb.quotes.filter((q) => q.article === articleId && q.speaker && (q.speaker === person?.name || speakerMeans(kb, q.speaker, c.key)));
    const label = person?.name ?? c.key.name;
    if (quotes.length > 0) {
      items.push(...quotes.slice(0, PER_FOLLOW).map((q) => ({ label, kind: "person" as const, text: q.text, speaker: label })));
      continue;
    }
    if (!person) continue;
    // No quote: the sentence that says who they are, when it is in this article, else the first that names them.
    const here = person.mentions.filter((m) => m.article === articleId);
    const stated = here.find((m) => person.descriptionSource?.article === m.article && person.descriptionSource.sentence === m.sentence);
    const sentence = sentencesOf(texts, articleId)[(stated ?? here[0])?.sentence ?? -1];
    if (sentence) items.push({ label: person.name, kind: "person", text: sentence });
  }
  return items;
}

/** A channel's filter: each list given must be met by one of its entries (people, words, outlets); none given: all pass. */
export interface ArticleFilter {
  people?: readonly string[];
  words?: readonly string[];
  outlets?: readonly string[];
  /** Only articles with at least one quote. */
  quotesOnly?: boolean;
}

/** `texts`: the article's sentences, read (src/kb/articleTexts.ts). */
export function passesFilter(kb: KnowledgeBase, articleId: string, filter: ArticleFilter, texts: ArticleSentences): boolean {
  const article = kb.articles.find((a) => a.id === articleId);
  if (!article) return false;
  if (filter.quotesOnly && !kb.quotes.some((q) => q.article === articleId)) return false;
  if (filter.outlets?.length && !filter.outlets.some((o) => foldName(o) === foldName(article.outlet))) return false;
  if (filter.people?.length && !filter.people.some((name) => whatMatches(kb, articleId, [{ kind: "person", key: keyForName(kb, name) }], texts).length > 0)) return false;
  if (filter.words?.length && !filter.words.some((w) => {
    const found = phraseIn(article, w, texts);
    return found.title || found.sentences.length > 0;
  })) return false;
  return true;
}
