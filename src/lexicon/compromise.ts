// compromise's built-in model (its lexicon of about 25k words with their tags, and the words that switch tags), which
// the lexicon lookups read (words.ts, extract/dates/verbs.ts), loaded on first use: a process that never looks a word
// up (a bot starting from its saved build, the console answering) does not pay for it. Loaded from compromise's
// CommonJS build, one file, which costs 40 % less CPU to load than its ES modules (about 0.45 s against 0.75 s on a
// busy 2-core machine) and holds the same model (same version, same lexicon and switches).
import { createRequire } from "node:module";
import type nlp from "compromise";

type Tag = string | string[];

export interface CompromiseModel {
  one: { lexicon: Record<string, Tag> };
  two: { switches: Record<string, string> };
}

let model: CompromiseModel | undefined;

/** compromise's model, loaded the first time it is asked for. */
export function compromiseModel(): CompromiseModel {
  model ??= (createRequire(import.meta.url)("compromise") as typeof nlp).model() as CompromiseModel;
  return model;
}
