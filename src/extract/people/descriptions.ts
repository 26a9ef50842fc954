import type { QuotedSpan } from "../quotes/marks.ts";
import type { ArticleText } from "../types.ts";
import type { Candidate } from "./candidates.ts";
import type { PersonDraft } from "./cluster.ts";
import { isCueVerb, isRoleHead } from "./context.ts";
import { descriptionScore } from "./descriptionScore.ts";
import { PHRASE_OPENERS } from "../../lexicon/grammar.ts";
import { ORG_WORDS, UNIT_NOUNS } from "../../lexicon/organisations.ts";
import { isTitleWord, ROLE_NOUNS, ROLE_VERBS } from "../../lexicon/people.ts";
import { isCommonWord, isFirstName, isPersonNoun, lexOf, lexTags } from "../../lexicon/words.ts";
import type { Token } from "./tokens.ts";

// Where a description comes from, most trusted first: an apposition or a role written before the name state the
// role directly; a relative clause ("who maintains ...") describes what they do; a bare title is a last resort.
const SOURCE_BONUS = { apposition: 1, before: 1, predicate: 1, relative: 0.5, affiliation: 0.5, title: 0 } as const;
const MAX_WORDS = 18;

/** The most informative role or affiliation the article states for the person ("" when none). */
export function describe(article: ArticleText, p: PersonDraft, quoted: QuotedSpan[]): { description: string; roles: string[] } {
  let best = "";
  let bestScore = 0;
  const roles = new Set<string>();
  const fullName = p.words.length > 1;
  for (const o of p.occurrences) {
    // A description inside someone's quote is their word for it, not the article's statement.
    if (insideQuote(quoted, o)) continue;
    // A title on a bare surname ("President Obama") may belong to a namesake; trust titles on full names.
    const full = !fullName || o.to - o.from > 1;
    for (const [kind, phrase] of statements(article.text, o)) {
      if (!full && (kind === "title" || kind === "before")) continue;
      roles.add(phrase);
      const score = descriptionScore(phrase) + SOURCE_BONUS[kind];
      if (descriptionScore(phrase) > 0 && score > bestScore) [best, bestScore] = [phrase, score];
    }
  }
  return { description: sentenceCase(best), roles: [...roles] };
}

/** Whether the occurrence stands inside one of the quoted spans (sorted by start). */
function insideQuote(quoted: QuotedSpan[], o: Candidate): boolean {
  let lo = 0;
  let hi = quoted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((quoted[mid] as QuotedSpan).innerStart <= o.start) lo = mid + 1;
    else hi = mid;
  }
  const span = quoted[lo - 1];
  return !!span && o.start < span.innerEnd;
}

const MONTHS_OR_DAYS = /January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\b(?:week|month|year|summer|winter|spring|autumn|fall)\b/;
// A date or time closing a role says when, not what: "chief executive in May", "captain since 2004".
const WHEN_TAIL = /\s+(?:in|on|since|until|from|last|this|next)\s+(?:(?:the\s+)?\p{Lu}\p{Ll}+(?:\s+\d{1,2})?|\d{4}|week|month|year|summer|winter|spring|autumn|fall)\b.*$/u;

/** "Prominent software engineer ..." (capitalised only because it opened the sentence) → "prominent ...". */
function sentenceCase(phrase: string): string {
  const [first = "", second = ""] = phrase.split(" ");
  // Not when it begins a name ("Red Hat engineer").
  if (!/^\p{Lu}\p{Ll}+$/u.test(first) || !isCommonWord(first) || /^\p{Lu}/u.test(second)) return phrase;
  return phrase[0]?.toLowerCase() + phrase.slice(1);
}

type Kind = keyof typeof SOURCE_BONUS;

function statements(text: string, o: Candidate): [Kind, string][] {
  const out: [Kind, string][] = [];
  const before = roleBefore(text, o);
  if (before) out.push(["before", before]);
  const apposed = appositionBefore(text, o);
  if (apposed) out.push(["apposition", apposed]);
  const after = apposition(text, o);
  if (after) out.push(after);
  const from = affiliation(text, o);
  if (from) out.push(["affiliation", from]);
  if (o.title && !before) out.push(["title", o.title]);
  return out;
}

// An abbreviation keeps its final period ("U.S.").
const slice = (text: string, a: Token, b: Token): string =>
  (text.slice(a.start, b.end) + (b.word.length === 1 && b.after.startsWith(".") ? "." : "")).replace(/\s+/g, " ").trim();
const isVerb = (w: string): boolean => lexTags(w).some((t) => /Tense|Gerund|Modal|Copula|Auxiliary|Participle|^Verb$/.test(t));
const STOP_BEFORE = /Preposition|Determiner|Conjunction|Pronoun|QuestionWord|Adverb|Tense|Gerund|Modal|Copula|Comparative|Superlative|Possessive/;

/** "Red Hat engineer and kernel developer Danilo Krummrich" → "Red Hat engineer and kernel developer". */
function roleBefore(text: string, o: Candidate): string {
  const end = o.lead - 1;
  const head = o.tokens[end];
  if (!head || !/^\s+$/.test(head.after) || head.cap || !isPersonNoun(head.word)) {
    return o.title && o.lead < o.from ? o.title : "";
  }
  let k = end;
  // Walk back over nouns, adjectives, names and "and"; stop at verbs, prepositions, determiners, punctuation.
  while (k > 0 && end - k < 10) {
    const t = o.tokens[k - 1] as Token;
    if (!/^(?:\s+|'s\s+)$/.test(t.after) && !t.possessive) break;
    const w = t.word.toLowerCase();
    const prev = o.tokens[k - 2];
    const next = o.tokens[k] as Token;
    // "Rust for Linux maintainer": a lower-case "for"/"of" between capitalised words is part of a proper name.
    const inName = /^(?:for|of|de)$/.test(w) && !!prev?.cap && next.cap;
    // Numbers and a neighbouring proper name ("2021 Kernel Maintainers Summit Video4Linux maintainer") end it.
    if (/^\p{N}/u.test(w) || (t.cap && ORG_WORDS.has(w) && /^\p{Lu}/u.test(next.word))) break;
    const tags = lexTags(w);
    // Words the lexicon tags as verbs but that introduce the phrase here: "like Google engineer X".
    if (PHRASE_OPENERS.has(w) || lexOf(t).calendar) break;
    // "engineer and kernel developer" joins two roles; "Burt Reynolds and Oscar nominee" joins two people, and
    // "took its toll and coach X" two clauses.
    if (w === "and" && !(prev && !prev.cap && isPersonNoun(prev.word))) break;
    // "chairman Ian McCartney last year described shadow chancellor X": another person's name starting a clause
    // ends the phrase (unlike "Hillary Clinton aide X", where the name qualifies the role).
    if (t.cap && lexOf(t).firstName && next.cap && startsClause(o.tokens, k, end)) break;
    if (!inName && w !== "and" && !t.cap && !ROLE_NOUNS.has(w) && tags.some((tag) => STOP_BEFORE.test(tag))) break;
    // "I think senior developer X": an infinitive after a pronoun is a verb, elsewhere usually a noun ("release").
    if (!t.cap && !ROLE_NOUNS.has(w) && tags.includes("Infinitive") && (!prev || /Pronoun|Modal/.test(lexTags(prev.word).join()))) break;
    // "votes to hold Clinton tech aide X": a word after "to" is a verb.
    if (!t.cap && !ROLE_NOUNS.has(w) && prev?.word === "to") break;
    if (t.cap && k - 1 === 0 && tags.some((tag) => STOP_BEFORE.test(tag))) break;
    // "Warren grilled Wells Fargo CEO X": a past-tense verb after a name starts a clause.
    if (!t.cap && /ed$/.test(w) && prev?.cap && !ROLE_NOUNS.has(w)) break;
    k--;
  }
  while (k < end && (o.tokens[k] as Token).word.toLowerCase() === "and") k++;
  const phrase = slice(text, o.tokens[k] as Token, head);
  // "Republican vice presidential candidate Gov. Mike Pence": the role says more than the abbreviated title.
  if (!o.title || /\.$/.test(o.title) || descriptionScore(o.title) < 0) return phrase;
  return `${phrase} ${o.title}`;
}

// What links a name to its role in a sentence of its own: "is", "was named as", "has been appointed", "became".
const PREDICATE = /^(?:(?:is|was|has been|had been|will be) (?:(?:named|appointed|elected|made|chosen) (?:as )?)?|(?:became|becomes) )/;
const AUXILIARY = /^(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could|should|may|might|must|shall)$/;

/** "the Russian president, Vladimir V. Putin," and "the company's founder, Jane Roe,": an apposition before the name,
 * from its determiner or possessor to its head noun. */
function appositionBefore(text: string, o: Candidate): string {
  const head = o.tokens[o.lead - 1];
  const after = o.tokens[o.to - 1]?.after ?? "";
  if (!head || !/^\s*,\s*$/.test(head.after) || head.cap || !isPersonNoun(head.word)) return "";
  // Closed by a comma or the end of the sentence, as an apposition is.
  if (o.tokens[o.to] && !/^\s*[,;.)\u2013\u2014]/.test(after)) return "";
  for (let k = o.lead - 2; k >= Math.max(0, o.lead - 8); k--) {
    const t = o.tokens[k] as Token;
    if (!/^(?:\s+|'s\s+)$/.test(t.after) && !t.possessive) return "";
    if (/^(?:the|a|an)$/i.test(t.word)) return k + 1 <= o.lead - 1 ? slice(text, o.tokens[k + 1] as Token, head) : "";
    if (t.possessive && t.cap) return slice(text, t, head);
    if (!t.cap && (isVerb(t.word) || PHRASE_OPENERS.has(t.word.toLowerCase())) && !isPersonNoun(t.word)) return "";
  }
  return "";
}

/** "X, senior principal engineer on ...,", "X, who maintains ...,", "X, the Linux stable release maintainer,". */
function apposition(text: string, o: Candidate): [Kind, string] | null {
  const last = o.tokens[o.to - 1] as Token;
  const first = o.tokens[o.to];
  if (!first || last.possessive) return null;
  let kind: Kind;
  let from = o.to;
  let bareLink = false;
  // "Rep. G.K. Butterfield (D-N.C.), head of ...": an aside in brackets between the name and the apposition.
  const close = /^\s*\($/.test(last.after) ? o.tokens.findIndex((t, k) => k >= o.to && k < o.to + 6 && t.after.includes(")")) : -1;
  if (close >= 0 && /^[^)]*\)\s*,\s*$/.test((o.tokens[close] as Token).after)) {
    kind = "apposition";
    from = close + 1;
  } else if (/^\s*,\s*$/.test(last.after)) kind = "apposition";
  else {
    // "X is a ...", "X has been named as England's new captain", "X was appointed chief executive".
    const linking = /^\s+$/.test(last.after) ? PREDICATE.exec(o.tokens.slice(o.to, o.to + 5).map((t) => t.word).join(" ")) : null;
    if (!linking) return null;
    kind = "predicate";
    from += linking[0].trim().split(" ").length;
    bareLink = !/named|appointed|elected|made|chosen|became|becomes/.test(linking[0]);
  }
  const lead = o.tokens[from];
  // ", 40, a father and student": an age, not a role.
  if (!lead || /^\p{N}/u.test(lead.word)) return null;
  const named = /^(?:known|nicknamed|dubbed|called)$/.test(lead.word) && (lead.word !== "known" || o.tokens[from + 1]?.word === "as");
  if (named) {
    // "Ellen Simonetti, known as Queen of the Sky,": the name the article says she goes by.
    kind = "apposition";
  } else if (/^(?:who|whose)$/i.test(lead.word)) {
    kind = "relative";
    from++;
    // "who among other things maintains X": start at the verb.
    for (let k = from; k < Math.min(from + 4, o.tokens.length); k++) {
      if (isVerb((o.tokens[k] as Token).word)) {
        from = k;
        break;
      }
    }
  } else if (isCueVerb(lead.word.toLowerCase()) || (isVerb(lead.word) && !ROLE_NOUNS.has(lead.word.toLowerCase()))) {
    return null;
  } else if (lexTags(lead.word).some((t) => /Preposition|Conjunction|Adverb|Pronoun|QuestionWord/.test(t)) && !/^one$/i.test(lead.word)) {
    // ", with Quincy Jones as producer", ", while Ian McShane was named ...": a clause, not an apposition.
    return null;
  } else if (lead.cap && isFirstName(lead.word)) {
    // ", Kate Winslet and director Mike Leigh": a list of people.
    return null;
  }
  let to = from;
  while (to < o.tokens.length && to - from < MAX_WORDS) {
    const t = o.tokens[to] as Token;
    // An unclosed apposition runs into the verb: "X, its minister for economic affairs added".
    if (to > from && isCueVerb(t.word)) break;
    to++;
    // A period after a single letter is an abbreviation ("the U.S. Senate"), not the end of the phrase.
    const abbreviation = t.word.length === 1 && /^\.\s?$/.test(t.after) && !!o.tokens[to];
    if (!abbreviation && (/[,;:.!?()\u2013\u2014"]/.test(t.after) || /\s-\s/.test(t.after))) break;
  }
  // A relative pronoun starts a new clause: "a leader who literally embodies ..." stops at "who"; a relative
  // clause stops at a second one ("has been keeping Elian and who has gone to court ...").
  const rel = o.tokens.slice(from, to).findIndex((t, i) => i > 0 && /^(?:who|whose|whom|which|that)$/.test(t.word));
  if (rel > 0) to = from + rel;
  if (o.tokens[to - 1]?.word === "and") to--;
  const words = o.tokens.slice(from, to);
  if (words.length === 0 || to - from >= MAX_WORDS) return null;
  const hasRole = named || words.some((_, i) => isRoleHead(o.tokens, from + i));
  if (kind !== "relative" && !hasRole) return null;
  // "Virginia, many of the girls wear head scarves and ... are in uniforms", "Obama, the governor did not hesitate":
  // a clause, not an apposition.
  if (kind === "apposition" && words.some((t) => AUXILIARY.test(t.word))) return null;
  // Relative clauses describe a role only with a role verb ("who leads", "who maintains"), not an event.
  if (kind === "relative" && !ROLE_VERBS.has((words[0] as Token).word)) return null;
  // "who is a senior engineer", "who has led": yes; "who was nominated for best actor": an event, no.
  const head = (words[0] as Token).word;
  const second = words[1]?.word ?? "";
  // "who was appointed chief executive", "who was named captain": a role given, so yes.
  if (kind === "relative" && /^(?:is|was)$/.test(head) && !/^(?:a|an|the|one|also|now|still)$/.test(second) && !ROLE_VERBS.has(second)) return null;
  if (kind === "relative" && /^(?:has|had)$/.test(head) && !ROLE_VERBS.has(second) && second !== "been") return null;
  // ", fashion designer Hussein Chalayan and ...": another person's name inside means a list, not a description;
  // ", President Glafcos Clerides condemned ...": a title and a name start another clause.
  if (words.some((t, i) => t.cap && isFirstName(t.word) && words[i + 1]?.cap)) return null;
  if (kind === "apposition" && (words[0] as Token).cap && words[1]?.cap && isTitleWord((words[0] as Token).word)) return null;
  if (kind === "apposition" && (words[0] as Token).cap && words[1]?.cap && words.some((t) => /\p{Ll}ed$/u.test(t.word) && !ROLE_NOUNS.has(t.word))) return null;
  // After a plain "is"/"was" only a noun phrase with its determiner is a role ("is a farmer", not "is expected to").
  if (kind === "predicate" && bareLink && !/^(?:a|an|the)$/i.test((words[0] as Token).word) && !(words[0] as Token).possessive) return null;
  // A list of names ("Boqun Feng, Wedson Almeida Filho, ...") is not an apposition.
  if (kind === "apposition" && (words[0] as Token).cap && words.every((t) => t.cap)) return null;
  let phrase = slice(text, words[0] as Token, words[words.length - 1] as Token);
  if (kind !== "relative") phrase = phrase.replace(/^(?:a|an|the)\s+/i, "");
  const dated = phrase.replace(WHEN_TAIL, "");
  return [kind, MONTHS_OR_DAYS.test(phrase.slice(dated.length)) || /\d{4}/.test(phrase.slice(dated.length)) ? dated : phrase];
}

/** "Dan Williams from Intel's Linux Core Kernel Architecture team", "Jane Doe of the Acme Corporation". */
function affiliation(text: string, o: Candidate): string {
  const last = o.tokens[o.to - 1] as Token;
  const prep = o.tokens[o.to];
  if (!prep || last.possessive || !/^\s+$/.test(last.after) || !/^(?:from|of)$/.test(prep.word)) return "";
  let k = o.to + 1;
  if (/^(?:the)$/i.test(o.tokens[k]?.word ?? "")) k++;
  // A run of capitalised words (the organisation), then at most one lower-case noun ("team", "office").
  const start = k;
  while (k < o.tokens.length && (o.tokens[k] as Token).cap && k - start < 8) {
    const t = o.tokens[k] as Token;
    k++;
    if (!/^\s+$/.test(t.after)) break;
  }
  if (k === start) return "";
  const tail = o.tokens[k];
  const prevGap = (o.tokens[k - 1] as Token).after;
  // Only organisation nouns continue it ("team", "office"), not "the Little Havana home".
  if (tail && /^\p{Ll}+$/u.test(tail.word) && /^\s+$/.test(prevGap) && (ORG_WORDS.has(tail.word) || UNIT_NOUNS.has(tail.word))) k++;
  else if (tail && /^\p{Ll}/u.test(tail.word) && /^\s+$/.test(prevGap)) return "";
  return slice(text, prep, o.tokens[k - 1] as Token);
}

/** After the capitalised run starting at `k`, does a clause follow (a word that is not a role) before `end`? */
function startsClause(tokens: Token[], k: number, end: number): boolean {
  let j = k;
  while (j < end && (tokens[j] as Token).cap) j++;
  const after = tokens[j];
  return j < end && !!after && !ROLE_NOUNS.has(after.word.toLowerCase());
}
