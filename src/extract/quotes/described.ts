import { TITLE_ABBREVIATION_MEANING } from "../../lexicon/abbreviations.ts";
import { ORG_WORDS } from "../../lexicon/organisations.ts";
import { GENDERED_NOUNS, isTitleWord, ROLE_NOUNS } from "../../lexicon/people.ts";
import type { Gender } from "./gender.ts";

// A speaker the text describes instead of naming ("the Labour MP for Birkenhead asked", "says the 39-year-old
// founder of Studiocomix Press", "Obama's former campaign strategist said"). Two readings link it to a person, both
// only on what the article itself states: the article gives someone that role ("Jane Roe, founder of Studiocomix
// Press"), or the description is a definite one pointing back at the person the sentence before is about ("David
// Axelrod on Wednesday called on ... . "...," Obama's former campaign strategist said"). Otherwise it stays unnamed.

/** Roles that usually bring in someone new and unnamed rather than point back at someone named. */
const NEW_SOURCE = new Set(
  "spokesman spokeswoman spokesperson official officials source sources aide aides adviser advisor advisers analyst analysts expert experts lawyer lawyers attorney witness resident voter supporter critic observer person man woman member staffer employee worker friend neighbor neighbour".split(
    " ",
  ),
);
const PREPOSITION = /^(?:of|for|at|in|with|from|on|to|behind|under)$/i;

/** A description taken apart: its head noun, the words that qualify it, and whether it is definite. */
export interface Description {
  head: string;
  /** Capitalised and other content words around the head ("Labour", "Birkenhead", "campaign", "Obama"). */
  qualifiers: string[];
  /** "the ...", "Obama's ...": points at someone known, unlike "a ..." or "one of ...". */
  definite: boolean;
}

export function parseDescription(text: string): Description | null {
  const words = text.replace(/[()"]/g, " ").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 12) return null;
  const first = (words[0] as string).toLowerCase();
  const possessive = /['\u2019]s?$/.test(words[0] as string);
  if (/^(?:a|an|another|one|some|two|three|several|many|most|both|each|his|her|their|its|our|my|your)$/.test(first)) return null;
  const definite = first === "the" || possessive;
  const cut = words.findIndex((w, i) => i > 0 && PREPOSITION.test(w));
  const headPart = (cut > 0 ? words.slice(0, cut) : words).filter((w) => !/^(?:the|\d[\d-]*(?:-year-old)?|[\p{L}]+-year-old)$/iu.test(w));
  const head = (headPart[headPart.length - 1] ?? "").toLowerCase().replace(/[^\p{L}-]/gu, "");
  if (!head || !/^\p{Ll}/u.test(headPart[headPart.length - 1] ?? "") && !isTitleWord(head)) return null;
  const qualifiers = [...headPart.slice(0, -1), ...(cut > 0 ? words.slice(cut + 1) : [])]
    .map((w) => w.replace(/['\u2019]s?$/, "").replace(/[^\p{L}\p{N}-]/gu, ""))
    .filter((w) => w.length > 2 && !/^(?:the|and|former|then|late|current|new)$/i.test(w));
  return { head, qualifiers, definite };
}

/** How well a stated role fits the description: 0 when its head noun is not there, more for each shared qualifier. */
function fit(d: Description, role: string): number {
  const words = role
    .toLowerCase()
    .split(/[\s,]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ""))
    .map((w) => TITLE_ABBREVIATION_MEANING.get(w) ?? w);
  const heads = new Set([d.head, d.head.replace(/s$/, ""), `${d.head}s`]);
  if (!words.some((w) => heads.has(w))) return 0;
  return 1 + d.qualifiers.filter((q) => words.includes(q.toLowerCase())).length;
}

export interface DescribedContext {
  /** Each person with the roles the article states for them. */
  roles: Map<string, string[]>;
  genderOf(name: string): Gender;
  /** Who the sentence before the description is about, if anyone. */
  centre: string | null;
}

/** The person a description refers to, or null. */
export function describedPerson(text: string, ctx: DescribedContext): string | null {
  const d = parseDescription(text);
  // "the company", "officials": an organisation or a group is no one person.
  if (!d || !d.definite || ORG_WORDS.has(d.head) || (d.head.endsWith("s") && (ROLE_NOUNS.has(d.head.slice(0, -1)) || NEW_SOURCE.has(d.head)))) return null;
  // The article states the role for someone: the best fit, when only one person fits best.
  let best: string[] = [];
  let bestScore = 0;
  for (const [name, roles] of ctx.roles) {
    const score = Math.max(0, ...roles.map((r) => fit(d, r)));
    if (score > bestScore) [best, bestScore] = [[name], score];
    else if (score === bestScore && score > 0) best.push(name);
  }
  if (best.length === 1) return best[0] as string;
  if (best.length > 1) return ctx.centre && best.includes(ctx.centre) ? ctx.centre : null;
  // A definite description of a role or title, right after a sentence about someone, is that someone.
  const centre = ctx.centre;
  if (!centre || NEW_SOURCE.has(d.head)) return null;
  if (!ROLE_NOUNS.has(d.head) && !isTitleWord(d.head)) return null;
  const gender = GENDERED_NOUNS.get(d.head);
  const theirs = ctx.genderOf(centre);
  if (gender && gender !== "unknown" && theirs !== "unknown" && gender !== theirs) return null;
  return centre;
}
