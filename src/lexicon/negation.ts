// Words that say a state ended: "no longer experimental", "non-experimental", "the experimental tag was removed" all
// tell that something stopped being experimental. /when reads them in a question and in the sentences it ranks.
import { wordSet } from "./wordList.ts";

/** Words before a state that deny it ("not", "never", "non-"; "longer" only after "no"; any "-n't" too). */
export const NEGATORS = wordSet("not never non no nor cannot");

/**
 * Verbs (any form) that end or take away what they follow or govern: "the tag was removed", "the ban is lifted", "the
 * label will be coming off". "off" stands for the phrasal ones ("came off", "taken off", "dropped off").
 */
export const REMOVAL_WORDS = wordSet(`
  remove removed removes removing drop dropped drops dropping lift lifted lifts lifting end ended ends ending
  scrap scrapped scraps scrapping abandon abandoned abandons abandoning strip stripped strips stripping
  shed sheds shedding axe axed axes axing off
`);

/** Verbs that only say a state began ("when did X become Y"): the sentence states the state itself ("X is now Y"). */
export const CHANGE_OF_STATE = wordSet("become became becomes becoming");

/** Nouns that only name a state ("the experimental tag", "its beta status"): removing one ends the state itself. */
export const STATE_NOUNS = wordSet("tag tags label labels status designation designations flag flags badge moniker");
