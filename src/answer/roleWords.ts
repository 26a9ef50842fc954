// Titles as the news abbreviates them before a name ("Gov. Mike Pence", "Sen. Ted Cruz") and offices written as
// initials ("CFO"), spelled out so that a role question ("who is the governor of Indiana", "who is the chief financial
// officer") meets them, and the other way round. Word lists, to move into the shared lexicon with the others.

/** Abbreviated titles: written capitalised with a full stop ("Gov."), so that "sec" or "col" alone stay words. */
const TITLES: Record<string, string> = {
  gov: "governor", sen: "senator", rep: "representative", lt: "lieutenant", gen: "general", sec: "secretary",
  pres: "president", supt: "superintendent", dir: "director", amb: "ambassador", atty: "attorney", capt: "captain",
  cmdr: "commander", col: "colonel", sgt: "sergeant", prof: "professor", chmn: "chairman", insp: "inspector",
};

/** Offices written as initials in capitals ("CFO"), so that "SEC" is not a secretary. */
const INITIALS: Record<string, string> = {
  ceo: "chief executive officer", cfo: "chief financial officer", coo: "chief operating officer",
  cto: "chief technology officer", cio: "chief information officer", md: "managing director",
};

/** The words a title abbreviation ("gov", written "Gov.") stands for. */
export function titleSpelledOut(word: string): string[] | undefined {
  return Object.hasOwn(TITLES, word) ? TITLES[word]?.split(" ") : undefined;
}

/** The words an office's initials ("cfo", written "CFO") stand for. */
export function initialsSpelledOut(word: string): string[] | undefined {
  return Object.hasOwn(INITIALS, word) ? INITIALS[word]?.split(" ") : undefined;
}

/** The words of a question's abbreviation, either kind ("cfo" in "who is the CFO of Aer Lingus"). */
export function spelledOut(word: string): string[] | undefined {
  return titleSpelledOut(word) ?? initialsSpelledOut(word);
}

export interface Abbreviation {
  /** Where in the words the spelled-out form starts, and how many words it takes. */
  at: number;
  length: number;
  abbreviation: string;
}

const SPELLINGS = Object.entries({ ...TITLES, ...INITIALS }).map(([abbreviation, full]) => ({ abbreviation, words: full.split(" ") }));

/** The runs of words that the news may write abbreviated ("governor" as "Gov.", "chief financial officer" as "CFO"). */
export function abbreviable(words: readonly string[]): Abbreviation[] {
  const found: Abbreviation[] = [];
  for (const { abbreviation, words: full } of SPELLINGS)
    for (let at = 0; at + full.length <= words.length; at++)
      if (full.every((w, k) => words[at + k] === w)) found.push({ at, length: full.length, abbreviation });
  return found;
}
