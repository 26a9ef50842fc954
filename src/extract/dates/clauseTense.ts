/**
 * The tense of the clause a date expression stands in, read from the verb that governs it: the nearest verb before
 * the expression in its clause ("Ryan will meet Trump on Thursday", "shares fell 50 cents on Friday"), or, for an
 * expression that opens its clause ("On Friday, the government planned ..."), the first verb after it. The verb's
 * auxiliaries decide ("will", "would", "has", "was ... -ing"); an infinitive takes the tense of the verb it depends on,
 * and a plan or an expectation looks ahead ("planned a rally on Saturday", "invited Trump to meet on Thursday").
 * Undefined when the clause shows no verb, or the expression is a deadline ("extended to Nov. 20"): the caller then
 * falls back on the tense markers near the expression.
 */
import type { Tense } from "./types.ts";
import { asksAhead, DEADLINE_BEFORE, infinitiveDone, known, LOOKS_AHEAD_BEFORE, plansAhead, verbForm, type VerbForm } from "./verbs.ts";

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Punctuation that closes a clause: nothing across it governs the expression. */
  boundary: boolean;
}

const TOKEN = /[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|--|[;:()"“”—–,]/g;

function tokens(sentence: string): Token[] {
  const out: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    const text = m[0];
    out.push({ text, lower: text.toLowerCase(), start: m.index, end: m.index + text.length, boundary: /^(?:[;:()"“”—–,]|--)$/.test(text) });
  }
  return out;
}

// "would" looks ahead from the past it is said in ("would be paid in January"); "could", "might" do not ("could not be
// located Wednesday").
const MODAL_AHEAD = new Set(["will", "shall", "'ll", "wo", "would"]);
const MODAL = new Set([...MODAL_AHEAD, "could", "might", "may", "should", "must", "can"]);
const BE_NOW = new Set(["is", "are", "am", "'s", "'re"]);
const BE_PAST = new Set(["was", "were"]);
const HAVE = new Set(["has", "have", "'ve"]);
// Words that may stand between an auxiliary and its verb.
const BETWEEN = new Set(["not", "n't", "also", "still", "already", "just", "now", "then", "only", "never", "ever", "soon", "reportedly", "likely", "probably", "officially", "finally", "formally", "again", "jointly", "separately", "been", "be", "being", "to", "going", "about"]);
const DETERMINERS = new Set(["the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "of"]);
const SUBJECT_PRONOUNS = new Set(["i", "we", "they", "you"]);
// Words that may open a clause before the expression that opens it: "On Friday,", "Early last week,".
const OPENERS = new Set(["on", "in", "at", "by", "early", "late", "earlier", "later", "also", "and", "but", "since", "until", "last", "this", "next", "then", "the"]);

/** How many tokens an infinitive may stand from the verb it depends on ("invited Donald Trump to meet"). */
const MATRIX_REACH = 6;

/**
 * The tense found, and whether the verb governs the expression directly (`strict`): a past verb then puts the date in
 * the past ("an accord forged in December"). Through an infinitive it only leans that way ("placed orders to start
 * November trading" is November ahead, "was taken along to make the November trip" the November before).
 */
export interface ClauseTense {
  tense: Tense;
  strict: boolean;
}

export function clauseTense(sentence: string, start: number, end: number): ClauseTense | undefined {
  const found = governedTense(sentence, start, end);
  // "campaigning ahead of Tuesday's primary": still to come, unless the clause is told in the past.
  if (/\bahead\s+of\s+$/i.test(sentence.slice(Math.max(0, start - 20), start)) && found?.tense !== "past") return { tense: "future", strict: true };
  return found;
}

function governedTense(sentence: string, start: number, end: number): ClauseTense | undefined {
  const ts = tokens(sentence);
  const from = ts.findIndex((t) => t.end > start);
  if (from < 0) return undefined;
  let to = ts.findIndex((t) => t.start >= end);
  if (to < 0) to = ts.length;
  const before = sentence.slice(Math.max(0, start - 40), start);
  // "as soon as Tuesday", "as early as next week": the earliest a thing can happen is ahead; "since Jan. 13" is past.
  if (LOOKS_AHEAD_BEFORE.test(before)) return { tense: "future", strict: true };
  if (/\bsince\s+$/i.test(before)) return { tense: "past", strict: true };
  if (DEADLINE_BEFORE.test(before)) return undefined;
  // "Tuesday's primary", "Wednesday's ruling": the day names a thing, which the clause's verb may reach through an
  // infinitive without dating it.
  const possessive = /^['’]s\b/.test(sentence.slice(end, end + 2)) || /['’]s$/.test(sentence.slice(start, end));
  let words = 0;
  for (let i = from - 1; i >= 0; i--) {
    const t = ts[i] as Token;
    if (t.boundary) break;
    const form = formAt(ts, i);
    if (form) return governing(ts, i, form, from, to, possessive);
    if (!OPENERS.has(t.lower)) words++;
  }
  // No verb before it in its clause: if the expression opens the clause, the verb after it governs it.
  if (words > 0) return undefined;
  const after = verbAfter(ts, to, true);
  return after && { tense: groupTense(ts, after.at, after.form, false, false) ?? "past", strict: true };
}

/** The tense of the verb before the expression, read as governing it. */
function governing(ts: Token[], v: number, form: VerbForm, from: number, to: number, possessive: boolean): ClauseTense | undefined {
  // "A service planned for Saturday was cancelled": a planning participle before a verb of its own clause is a
  // description; that verb tells the tense. With an object it is the clause's own verb ("Protesters planned a march
  // on Saturday and were planning ...").
  const described = /^(?:for|on|in|at|next|this)$/.test(ts[v + 1]?.lower ?? "") || v + 1 === from;
  if (plansAhead(ts[v]?.lower ?? "") && form === "past" && !auxiliaries(ts, v).length && described) {
    const after = verbAfter(ts, to, false);
    if (after) return { tense: groupTense(ts, after.at, after.form, false, false) ?? "past", strict: true };
  }
  const tense = groupTense(ts, v, form, true, true);
  if (tense) return { tense, strict: true };
  if (possessive) return undefined;
  const toIndex = v - 1 - Math.max(0, auxiliaries(ts, v).indexOf("to"));
  return infinitiveTense(ts, toIndex);
}

/** The first verb after index `from` in the same clause (crossing the comma that ends an opening phrase, if asked). */
function verbAfter(ts: Token[], from: number, crossComma: boolean): { at: number; form: VerbForm } | undefined {
  let crossed = !crossComma;
  for (let i = from; i < ts.length; i++) {
    const t = ts[i] as Token;
    if (t.boundary) {
      if (crossed || t.text !== ",") return undefined;
      crossed = true;
      continue;
    }
    const form = formAt(ts, i);
    if (form) return { at: i, form };
  }
  return undefined;
}

/** The verb form of the token at i, in its context; undefined when it is not read as a verb there. */
function formAt(ts: Token[], i: number): VerbForm | undefined {
  const t = ts[i] as Token;
  // A capitalised word inside the sentence is a name ("the United States"), not a verb.
  if (i > 0 && /^[A-Z]/.test(t.text) && !/^[A-Z]+$/.test(t.text)) return undefined;
  const form = verbForm(t.lower) ?? (ts[i - 1]?.lower === "to" && /^[a-z]{3,}$/.test(t.text) && !known(t.lower) ? "base" : null);
  if (!form) return undefined;
  // The word before, past a negation or an adverb ("did not plan", "will also meet").
  let b = i - 1;
  while (b > 0 && (NEGATION.has(ts[b]?.lower ?? "") || ADVERB.test(ts[b]?.lower ?? ""))) b--;
  const before = ts[b]?.lower ?? "";
  if (form === "gerund") return isAux(ts, i - 1, BE_NOW) || isAux(ts, i - 1, BE_PAST) ? form : undefined;
  if (form === "base") {
    if (before === "to" || MODAL.has(before) || ["do", "does", "did"].includes(before) || SUBJECT_PRONOUNS.has(before)) return form;
    // "the two leaders meet on Monday", "Arafat and Netanyahu meet separately Monday": after a plural noun or a name
    // that is its subject, a base form is the present tense.
    // The date or its preposition follows ("meet on Monday"), not a noun it would be part of ("Tanzanian police and").
    const next = ts[i + 1];
    const datesNext = next !== undefined && (DATE_LEADS.has(next.lower) || ADVERB.test(next.lower) || /^[A-Z][a-z]+day$/.test(next.text));
    return datesNext && subjectBefore(ts, b) ? "present" : undefined;
  }
  // "the planned rally", "a still unspecified date", "886 million shares": a participle or a noun, not a verb.
  if ((form === "present" || form === "past") && (DETERMINERS.has(before) || /^\d|^(?:million|billion|thousand|hundred)$/.test(before) || (ADVERB.test(before) && DETERMINERS.has(ts[i - 2]?.lower ?? "")))) return undefined;
  return form;
}

const ADVERB = /^(?:still|very|newly|recently|long|also|just|now|then|\w+ly)$/;

const DATE_LEADS = new Set(["on", "in", "at", "next", "this", "last", "today", "tomorrow", "tonight"]);

/** Whether the token at b can be the subject of a verb in the present plural: a plural noun, or a name. */
function subjectBefore(ts: Token[], b: number): boolean {
  const t = ts[b];
  if (!t || t.boundary || b === 0) return false;
  if (/^[A-Z][a-z]+$/.test(t.text)) return true;
  return /^[a-z]{3,}s$/.test(t.text) && !/(?:ss|us|is)$/.test(t.text) && verbForm(t.lower) === null;
}
const NEGATION = new Set(["not", "n't", "never"]);

/** Whether an auxiliary of the given set stands at i or before it, with only adverbs between. */
function isAux(ts: Token[], i: number, set: ReadonlySet<string>): boolean {
  for (let j = i; j >= 0 && j > i - 3; j--) {
    const w = (ts[j] as Token).lower;
    if (set.has(w)) return true;
    if (!BETWEEN.has(w)) return false;
  }
  return false;
}

const AUXILIARY = (w: string) =>
  BETWEEN.has(w) || MODAL.has(w) || BE_NOW.has(w) || BE_PAST.has(w) || HAVE.has(w) || ["had", "do", "does", "did", "can"].includes(w);

/** The auxiliaries (and adverbs between them) before the verb at v, nearest first. */
function auxiliaries(ts: Token[], v: number): string[] {
  const aux: string[] = [];
  for (let j = v - 1; j >= 0 && aux.length < 4; j--) {
    const t = ts[j] as Token;
    if (t.boundary || !AUXILIARY(t.lower)) break;
    aux.push(t.lower);
  }
  return aux;
}

/**
 * The tense of the verb group at v, or undefined for an infinitive ("to meet"), whose tense is that of the verb it
 * depends on. `governsAfter`: the expression follows the verb, in its complement.
 */
function groupTense(ts: Token[], v: number, form: VerbForm, governsAfter: boolean, infinitive: boolean): Tense | undefined {
  const word = ts[v]?.lower ?? "";
  if (form === "modal") return MODAL_AHEAD.has(word) ? "future" : "present";
  // "is to resume trading Tuesday".
  if ((BE_NOW.has(word) || BE_PAST.has(word)) && ts[v + 1]?.lower === "to") return "future";
  const aux = auxiliaries(ts, v);
  if (aux.includes("to") || (form === "base" && ts[v - 1]?.lower === "to")) return infinitive ? undefined : "future";
  if (aux.some((w) => MODAL_AHEAD.has(w)) || (aux.includes("going") && aux.includes("to"))) return "future";
  // A plan, a schedule or an expectation of the expression's date looks ahead: "planned a rally on Saturday",
  // "is scheduled for Tuesday". A date before it dates the planning: "On Friday, the government planned ...".
  if (governsAfter && plansAhead(word)) return "future";
  if (aux.some((w) => HAVE.has(w) || w === "had" || BE_PAST.has(w) || w === "did")) return "past";
  if (aux.some((w) => BE_NOW.has(w) || w === "do" || w === "does" || w === "can")) return "present";
  if (form === "past" || form === "participle") return "past";
  return "present";
}

/**
 * An infinitive ("to meet", "to be published") tells of something to come after the verb it depends on: ahead when
 * that verb plans or asks for it ("invited Trump to meet on Thursday"), done when it says so ("had to leave on
 * Monday"), and otherwise leaning to that verb's tense.
 */
function infinitiveTense(ts: Token[], toIndex: number): ClauseTense | undefined {
  // "the peace process, set to resume Monday": a plan right before "to" looks ahead, whatever stands before it, but a
  // plan that "had been" made is over ("had been scheduled to expire Friday").
  if (plansAhead(ts[toIndex - 1]?.lower ?? "")) return { tense: auxiliaries(ts, toIndex - 1).includes("had") ? "past" : "future", strict: true };
  for (let j = toIndex - 1; j >= 0 && j >= toIndex - MATRIX_REACH; j--) {
    const t = ts[j] as Token;
    if (t.boundary) break;
    const form = formAt(ts, j);
    if (!form) continue;
    if (asksAhead(t.lower)) return { tense: "future", strict: true };
    if (infinitiveDone(t.lower)) return { tense: "past", strict: true };
    return { tense: groupTense(ts, j, form, false, false) ?? "future", strict: false };
  }
  return undefined;
}
