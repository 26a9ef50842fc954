import type { ArticlePeople, ArticleText, LocalPerson } from "../types.ts";
import { acceptNames } from "./accept.ts";
import { findCandidates } from "./candidates.ts";
import { cluster, type PersonDraft } from "./cluster.ts";
import { findQuotedSpans } from "../quotes/marks.ts";
import { describe } from "./descriptions.ts";
import { buildMentions, makeResolver } from "./mentions.ts";
import { foldName } from "../../lexicon/fold.ts";
import { NAME_SUFFIXES } from "../../lexicon/people.ts";
import { NOUN_LIKE_SPEECH_FORMS, SPEECH_VERBS } from "../../lexicon/speech.ts";
import { isCommonWord, isFirstName, isKnownName } from "../../lexicon/words.ts";
import { usedInLowerCase } from "./names.ts";

/**
 * Finds the people an article names, with aliases, descriptions and mentions.
 *
 * Pipeline: capitalised runs → candidates (titles stripped) → per-name person evidence (lexicon + context cues)
 * → people (fullest name first, short forms attached to the nearest compatible person) → descriptions, mentions.
 */
export function extractPeople(article: ArticleText): ArticlePeople {
  const candidates = findCandidates(article.text, article.sentences);
  const groups = acceptNames(candidates, article.text);
  const drafts = cluster(groups, candidates, article.text);
  const forms = drafts.map((p) => dropRunOns(surfaceForms(p), p, article.text));
  // Quoted words are someone's, not the article's statements: no description is taken from inside them.
  const quoted = findQuotedSpans(article.text, article.paragraphs);
  const described = drafts.map((p) => describe(article, p, quoted));
  const people: LocalPerson[] = drafts.map((p, i) => {
    const list = forms[i] as string[];
    const name = canonicalName(list, p);
    return {
      name,
      aliases: list.filter((f) => foldName(f) !== foldName(name)),
      description: described[i]?.description ?? "",
      sentences: [...new Set(p.occurrences.map((o) => o.sentence))].sort((a, b) => a - b),
    };
  });
  const roles = described.map((d) => d.roles);
  return { people, mentions: buildMentions(article.text, drafts), roles, resolve: makeResolver(drafts, forms) };
}

/** Distinct names as written (possessive dropped), in order of first use; one spelling per folded form. */
function surfaceForms(p: PersonDraft): string[] {
  const seen = new Map<string, string>();
  for (const o of p.occurrences) if (!seen.has(foldName(o.name))) seen.set(foldName(o.name), o.name);
  return [...seen.values()];
}

/**
 * Forms that are another form run on into an ordinary word, and used less than it: "Donald Trump Calls" from a
 * headline beside "Donald Trump" in the text. They are neither the name nor an alias.
 */
function dropRunOns(forms: string[], p: PersonDraft, text: string): string[] {
  const count = (f: string): number => p.occurrences.filter((o) => foldName(o.name) === foldName(f)).length;
  return forms.filter((f) => {
    const cut = f.lastIndexOf(" ");
    const last = f.slice(cut + 1);
    // Only a full name runs on ("Donald Trump Calls"); "Dean" beside "Dean Baker" is the short form.
    const shorter = cut > 0 && f.slice(0, cut).includes(" ") ? forms.find((g) => foldName(g) === foldName(f.slice(0, cut))) : undefined;
    if (cut < 0 || !shorter || count(shorter) < count(f) || NAME_SUFFIXES.has(last.toLowerCase())) return true;
    const lower = last.toLowerCase();
    const ordinary =
      (isCommonWord(last) && !isFirstName(last)) ||
      SPEECH_VERBS.has(lower) ||
      NOUN_LIKE_SPEECH_FORMS.has(lower) ||
      (!isKnownName(last) && usedInLowerCase(text, last));
    return !ordinary;
  });
}

/** The fullest form: most words, then most used, then first used. */
function canonicalName(forms: string[], p: PersonDraft): string {
  const count = (f: string): number => p.occurrences.filter((o) => foldName(o.name) === foldName(f)).length;
  const words = (f: string): number => f.split(" ").filter((w) => !/^\p{Lu}\.$/u.test(w)).length;
  return [...forms].sort((a, b) => words(b) - words(a) || count(b) - count(a) || forms.indexOf(a) - forms.indexOf(b))[0] ?? "";
}
