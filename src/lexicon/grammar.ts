// Grammar words the name and attribution rules need by name: pronouns, determiners, prepositions, and capitalised
// words that start sentences but never names.
import { wordSet } from "./wordList.ts";

/** Subject pronouns a speaker phrase can be ("he said", "she told"). */
export const SUBJECT_PRONOUNS = wordSet("he she they i we");

/** Pronouns that refer back to one man or one woman, in any case. */
export const MALE_PRONOUNS = wordSet("he him his himself");
export const FEMALE_PRONOUNS = wordSet("she her hers herself");
/** Pronouns that point at a group or a thing: a name they follow is more likely an organisation. */
export const GROUP_PRONOUNS = wordSet("its itself their they them themselves");

/** Prepositions that put a name inside a description ("a spokesman for Mr. Obama", "director of the CBO"). */
export const PREPOSITIONS = wordSet("for of at from with in to by on about behind under against between among within like unlike");

/** Words that open a phrase after a role, though compromise tags some otherwise ("over" as an adjective, "like" as
 * a verb): a role written before a name stops at them. */
export const PHRASE_OPENERS = wordSet(`
  like unlike including as than via per versus vs over under above below about against between into onto with without
  within behind beyond after before during since until among around through toward towards upon
`);

/** Capitalised words that are never a name, nor part of one: sentence starters, pronouns, days, months, groups. */
export const NOT_NAMES = wordSet(`
  he she they it i we you his her their its this that these those there here then when while but and or so if
  the a an in on at as for of to by with from after before since during also however still yet now later
  earlier instead meanwhile asked speaking writing officials official sources source experts critics analysts
  authorities police residents witnesses supporters opponents aides advisers lawmakers voters people others
  some many both all one another most several everyone someone nobody none each either neither unlike like
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december today yesterday tonight last next
`);

/** Lower-case words allowed before a name in an apposition ("the Rev. Peter Wherry", "former Gov. Jeb Bush"). */
export const NAME_MODIFIERS = wordSet("the a an former then late longtime veteran");
