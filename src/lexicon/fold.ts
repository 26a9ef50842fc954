// Folding shared by extraction, the corpus-wide merge and the answer indexes, so a name written "T’so",
// "T'so" or "tso" and "Kroah‑Hartman" or "kroah-hartman" meet wherever they are compared.

// Plain ASCII but the backtick (the one ASCII character folded besides case), with tabs and line breaks.
const PLAIN = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;

/** Case, diacritics, apostrophe and hyphen variants folded: the comparison form of any text. */
export function foldText(text: string): string {
  // Plain ASCII only changes case: its decomposition, the slow part, was 0.4-1.4 us a word where a PostgreSQL shard
  // indexes a question's documents (src/search/postgres/subsetIndex.ts), each new word folded and stemmed.
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, "-");
}

const folded = new Map<string, string>();

/** A name folded for comparison, spacing collapsed ("T’so" = "T'so" = "t'so"). Memoised: names repeat. */
export function foldName(name: string): string {
  let f = folded.get(name);
  if (f === undefined) {
    // Plain ASCII needs no Unicode decomposition, the slow part; a backtick is the one ASCII character
    // foldText changes besides case.
    f = (/^[\x20-\x5f\x61-\x7e]*$/.test(name) ? name.toLowerCase() : foldText(name)).replace(/\s+/g, " ").trim();
    if (folded.size > 100_000) folded.clear();
    folded.set(name, f);
  }
  return f;
}
