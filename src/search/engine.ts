// The search seam. The answer functions (src/answer) are pure and synchronous: they rank the candidates an `Indexes`
// hands them. A search engine supplies those indexes for one question:
//  - the embedded engine (minisearch.ts) holds every index in memory: its scope is the whole corpus, ready at once;
//  - the PostgreSQL engine (postgres/) holds the postings in the database: its scope fetches, for the question's
//    words, every document that holds them and the corpus's statistics, then lets MiniSearch's own BM25 rank
//    exactly as over the whole corpus. What an answer looks up beyond the words it was prepared for (another
//    spelling, a prefix, a typo's neighbours, a word's counts) is recorded as missing; the scope fetches it and
//    the answer runs again, until nothing is missing. So both engines give the same answers, and a third engine
//    implements SearchEngine in a folder of its own.
import { answersOver } from "../answer/index.ts";
import type { Indexes } from "../answer/indexes.ts";
import type { CorpusView } from "../answer/context.ts";
import type { Answers, AsyncAnswers } from "../answer/types.ts";
import { AnswersUnavailable } from "../render/errors.ts";
import { answerFirst, notAnswering } from "../util/slices.ts";

export type { AsyncAnswers } from "../answer/types.ts";

/** A question's view of an engine. */
export interface QueryScope {
  /** The indexes the answer reads (rebuilt after each load). */
  readonly indexes: Indexes;
  /**
   * What the answer reads the corpus through, when not the engine's own view: one that reads the sentences' texts
   * as the indexes read the postings (what it lacks is missing, and fetched for the next run).
   */
  readonly view?: CorpusView;
  /** Whether the last answer looked up something these indexes do not hold yet. */
  readonly incomplete: boolean;
  /** Fetches what was missing. */
  complete(): Promise<void>;
}

export interface SearchEngine {
  readonly view: CorpusView;
  /**
   * A scope prepared for the words of `texts`. `before`: the same question's scope before a part of the knowledge base
   * was read (PartNotRead), whose lookups that do not depend on that part the new one may take over.
   */
  scope(texts: readonly string[], before?: QueryScope): Promise<QueryScope> | QueryScope;
}

/**
 * Thrown from a scope's index when the answer cannot go on without something not fetched yet (a word's documents
 * it walks, another spelling): the answer stops there, and runs again once that is fetched.
 */
export class NotFetched extends Error {
  constructor() {
    super("search: an answer needs data not fetched yet");
  }
}

/**
 * Thrown where an answer reads a part of the knowledge base its engine has not read yet (an engine that answers while
 * it reads the rest: postgres/engine.ts). The answer stops there, waits for the part, and runs again from the start
 * over the engine as it then is: it never answers from a part half read.
 */
export class PartNotRead extends NotFetched {
  constructor(
    /** Resolves once the part is read (rejects if it cannot be). */
    readonly read: Promise<void>,
    part: string,
  ) {
    super();
    this.message = `search: an answer needs the ${part}, not read yet`;
  }
}

/** More rounds than an answer ever needs (its words' counts, the documents it walks, another spelling, a typo). */
const MAX_ROUNDS = 24;

/** `answer` over the candidates `engine` finds for `texts`, once nothing it looked up was missing. */
export function answerWith<T>(engine: SearchEngine, texts: readonly string[], answer: (answers: Answers) => T): Promise<T> {
  // Made first: the work an engine does beside its answers waits while one is made (src/util/slices.ts).
  return answerFirst(() => answerRounds(engine, texts, answer));
}

async function answerRounds<T>(engine: SearchEngine, texts: readonly string[], answer: (answers: Answers) => T): Promise<T> {
  let scope = await fetching(() => engine.scope(texts));
  for (let round = 1; ; round++) {
    let result: { value: T } | undefined;
    let part: PartNotRead | undefined;
    try {
      result = { value: answer(answersOver(scope.view ?? engine.view, scope.indexes)) };
    } catch (err) {
      if (!(err instanceof NotFetched)) throw err;
      if (err instanceof PartNotRead) part = err;
    }
    if (result && !scope.incomplete) return result.value;
    if (round === MAX_ROUNDS) throw new Error(`search: an answer still missed lookups after ${MAX_ROUNDS} rounds`);
    if (part) {
      const { read } = part;
      // Waiting for a part is not making an answer: the work that reads that part runs meanwhile.
      await notAnswering(() => fetching(() => read));
      // A scope of the engine as it is once the part is read (the one before saw it without the part): what that one
      // fetched that the part does not change (words' counts and variants, texts) is taken over, not fetched again.
      const before = scope;
      scope = await fetching(() => engine.scope(texts, before));
    } else await fetching(() => scope.complete());
  }
}

/**
 * `use` (a duty beside the answers over the knowledge base `use` reads: /announce preview, resend) run again once a
 * part it read was read, as answers are (answerWith): an engine's knowledge base read in its first stage throws
 * PartNotRead where its events are read. A part that cannot be read is AnswersUnavailable.
 */
export async function oncePartsRead<T>(use: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await use();
    } catch (err) {
      if (!(err instanceof PartNotRead) || round === MAX_ROUNDS) throw err;
      const { read } = err;
      await fetching(() => read);
    }
  }
}

/** An engine's lookup that fails (its database restarting, out of reach) is the user-facing AnswersUnavailable. */
async function fetching<T>(lookup: () => Promise<T> | T): Promise<T> {
  try {
    return await lookup();
  } catch (err) {
    throw new AnswersUnavailable({ cause: err });
  }
}

/** The answers, each through `engine`: what a process answers from when its indexes are not its own. */
export function answersThrough(engine: SearchEngine): AsyncAnswers {
  const quoteTexts = (q: Parameters<Answers["quote"]>[0]): string[] => (typeof q === "string" ? [q] : [q.speaker ?? "", q.text ?? ""]);
  return {
    who: (q) => answerWith(engine, [q], (a) => a.who(q)),
    when: (q) => answerWith(engine, [q], (a) => a.when(q)),
    quote: (q) => answerWith(engine, quoteTexts(q), (a) => a.quote(q)),
    search: (q) => answerWith(engine, [q], (a) => a.search(q)),
    timeline: (subject) => answerWith(engine, [subject ?? ""], (a) => a.timeline(subject)),
    // Names and titles are suggested from the small indexes every process holds: no lookup, no round trip (if one
    // were needed, the answer would note it as missing and fetch it).
    suggest: (kind, prefix) => answerWith(engine, kind === "event" ? [prefix] : [], (a) => a.suggest(kind, prefix)),
    check: (text) => answerWith(engine, [text], (a) => a.check(text)),
    mentioned: (text) => answerWith(engine, [text], (a) => a.mentioned(text)),
    asOf: () => answerWith(engine, [], (a) => a.asOf()),
    about: () => answerWith(engine, [], (a) => a.about()),
  };
}
