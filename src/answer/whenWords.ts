// Words of a /when question that say it is a question, not what happened: "when did it happen", "what year did X".
// Stop words (text.ts) already drop "when", "did", "was". A word list, to move into the shared lexicon.

/**
 * Verbs that only ask that something took place, and the prepositions the stop words leave: "the debate between
 * Clinton and Trump" is about the debate, Clinton and Trump, and a sentence with "between" is no nearer to it.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  (
    "happen happened happens occur occurred occurs between during against among amid amidst through throughout since " +
    "until till while because under within without across toward towards upon via per despite"
  ).split(" "),
);

const ASKING_FOR_A_DATE = /^\s*(?:in\s+)?(?:what|which)\s+(?:date|year|month|day|week|time)\b/i;

/** The question without its opening "what year" / "which day": the period asked for is not a word of the event. */
export function withoutDateQuestion(query: string): string {
  return query.replace(ASKING_FOR_A_DATE, "");
}

/**
 * The present ("now", "currently"): it dates a state as of the report ("Kellogg is now suspending work"), so it
 * dates the event asked only when it stands by its words, not anywhere in the sentence ("already merged ... Rust is now
 * in a strong position").
 */
export const PRESENT_REFERENCE = /^(?:(?:right\s+)?now|currently|at\s+present)$/i;
