/**
 * Where a sentence gives a person a role: the words next to one of their names (roles.ts weighs them against the
 * question). A title before the name, an apposition or relative clause after it, or a verb phrase after it.
 */
import { initialsSpelledOut, titleSpelledOut } from "./roleWords.ts";
import { indexTerm, tokenize } from "./text.ts";

/** How many words before a name its title may take ("Democratic presidential nominee Hillary Clinton"). */
const TITLE_REACH = 6;
/** How many words an apposition or a relative clause after a name may take. */
const APPOSITION_REACH = 14;

export interface Word {
  term: string | null;
  /** The word itself, folded, and the terms of what it stands for when it is a title's abbreviation. */
  folded: string;
  terms: string[];
  /** Whether it is written with a capital: only then may it be a name. */
  capital: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*\.?|[,;:()"“”—–]/gu;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const abbreviated = raw.endsWith(".");
    const bare = abbreviated ? raw.slice(0, -1) : raw;
    const folded = tokenize(bare)[0] ?? bare;
    // "Gov." is the governor and "CFO" the chief financial officer; but "SEC" is no secretary, nor "col" a colonel.
    const key = folded.replace(/'s$/, "");
    const spelled = /^[A-Z]{2,4}(?:'s)?$/.test(bare) ? initialsSpelledOut(key) : abbreviated && /^\p{Lu}/u.test(bare) ? titleSpelledOut(key) : undefined;
    const term = /^\p{L}|^\p{N}/u.test(bare) ? indexTerm(folded) : null;
    const terms = [...(term ? [term] : []), ...(spelled ?? []).map(indexTerm).filter((t): t is string => t !== null)];
    out.push({ term, folded, terms, capital: /^\p{Lu}/u.test(bare) });
  }
  return out;
}

const BOUNDARY = /^[,;:()"“”—–]$/;

/**
 * The terms that stand next to one of the person's names in a sentence: the title before it, the apposition or
 * relative clause after it, or the verb phrase after it when its verb is one the question asks about ("Wróbel
 * designed the route", not "Blair told the chancellor"). Each stops at another person's name ("chief executive
 * Willie Walsh, chief financial officer Brian Dunne"). Undefined when the sentence does not write the name, or writes
 * it only as a possessive ("Clinton's").
 */
export function roleWindow(ws: Word[], names: string[][], asked: ReadonlySet<string>, others: ReadonlySet<string>): Word[] | undefined {
  // The fullest names first, then the surnames alone ("Butterfield" for "G. K. Butterfield").
  const forms = [...names.filter((f) => f.length > 0).sort((a, b) => b.length - a.length), ...names.filter((f) => f.length > 1).map((f) => f.slice(-1))];
  for (const form of forms) {
    if (form.length === 0) continue;
    for (let i = 0; i + form.length <= ws.length; i++) {
      if (!form.every((t, k) => ws[i + k]?.folded.replace(/'s$/, "") === t)) continue;
      const last = ws[i + form.length - 1] as Word;
      if (/'s$|s'$/.test(last.folded)) continue;
      const before: Word[] = [];
      const named = (w: Word | undefined) => w !== undefined && others.has(w.folded.replace(/'s$/, ""));
      const stops = (w: Word | undefined) => !w || BOUNDARY.test(w.folded) || named(w);
      // A title ends with a word of the role right before the name ("Director James Comey", "Gov. Mike Pence"), or
      // before the comma of a name in apposition ("Its maintainer, Oona Pask,"); not with a verb ("Indiana governor
      // endorses Cruz").
      const end = ws[i - 1]?.folded === "," ? i - 2 : i - 1;
      if ((ws[end]?.terms ?? []).some((t) => asked.has(t))) for (let j = end; j >= end - TITLE_REACH + 1 && !stops(ws[j]); j--) before.unshift(ws[j] as Word);
      // After the name a bracket ("(D-N.C.)") is passed over; then an apposition or a relative clause runs to its
      // closing comma, and a verb phrase counts when its verb is asked about.
      let j = i + form.length;
      if (ws[j]?.folded === "(") while (j < ws.length && ws[j]?.folded !== ")") j++;
      if (ws[j]?.folded === ")") j++;
      const apposition = ws[j]?.folded === ",";
      if (apposition) j++;
      if (!apposition && !(ws[j]?.terms ?? []).some((t) => asked.has(t))) return before;
      const after: Word[] = [];
      for (let k = 0; k < APPOSITION_REACH && !stops(ws[j]); j++, k++) after.push(ws[j] as Word);
      // Words that run into another name are that name's title: "Willie Walsh, chief financial officer Brian Dunne".
      return named(ws[j]) ? before : [...before, ...after];
    }
  }
  return undefined;
}

/**
 * The part of a stated description that is the person's own: up to the clause that names someone else ("chief
 * financial officer Bram Oyelaran and two directors met investors" is another person's title and what they did). A
 * possessive name is the role's owner and stays ("Kirrane's campaign chairman").
 */
export function ownDescription(ws: Word[], namesOther: (word: string) => boolean): Word[] {
  const other = ws.findIndex((w) => w.capital && !/'s$|s'$/.test(w.folded) && namesOther(w.folded));
  if (other < 0) return ws;
  let end = other;
  while (end > 0 && !BOUNDARY.test((ws[end - 1] as Word).folded)) end--;
  return ws.slice(0, Math.max(0, end - 1));
}
