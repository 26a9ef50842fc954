// How news text writes people: honorifics, titles, offices, kinship and the parts of a name. Data only; the
// extractors, the corpus-wide merge and the answer layer all read these lists (compromise's data/lexicon is the model).
import { wordMap, wordSet } from "./wordList.ts";

export type Gender = "male" | "female" | "unknown";

/** Honorifics: a courtesy title before a name, which says nothing about a role ("Mr. Hellwig", "Dame Judi"). */
export const HONORIFICS = new Map<string, Gender>([
  ...wordMap("mr mister sir lord monsieur herr senor señor", "male" as Gender),
  ...wordMap("mrs ms miss madam madame mme mlle dame lady frau senora señora", "female" as Gender),
  ...wordMap("mx dr", "unknown" as Gender),
]);

/** Ranks, offices and noble titles written before a name ("Sen. Maria Lopez", "Prime Minister X", "King Charles"). */
export const TITLES = wordSet(`
  prof professor president vice-president vp pres sen senator rep representative gov governor
  gen general lt col colonel maj major capt captain sgt sergeant cpl corporal pvt private adm admiral cmdr commander
  rev reverend fr father pastor hon judge justice chancellor minister secretary mayor ambassador
  prince princess king queen sheikh emir ayatollah pope cardinal bishop archbishop rabbi imam
  chairman chairwoman chair ceo cfo cto coo commissioner inspector detective officer constable superintendent
  det supt insp premier speaker councillor councilor councilman councilwoman assemblyman assemblywoman
  congressman congresswoman leader director sheriff coach delegate whip mp mep msp mla
  baroness baron viscount earl duke duchess countess marquess secretary-general attorney-general
  candidate nominee attorney treasurer comptroller committeeman committeewoman undersecretary under-secretary
`);

/** Royal and noble titles, which like honorifics say nothing about a job. */
export const NOBLE_TITLES = wordSet("prince princess king queen sheikh emir baron baroness viscount earl duke duchess countess marquess");

/** Offices, as opposed to ranks that are also surnames (King, Justice, Baron): "Commons Speaker" names an office. */
export const OFFICES = wordSet(
  "speaker minister secretary president chairman chairwoman chair governor mayor senator chancellor commissioner director leader premier ambassador spokesman spokeswoman",
);

/** A title or honorific written before a name, its period dropped ("Sen.", "Mrs", "Governor"). */
export function isTitleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (TITLES.has(w) || HONORIFICS.has(w)) return true;
  // "Secretary-Treasurer", "Chairman-elect", "Editor-in-Chief": a compound of titles and roles.
  if (!w.includes("-")) return false;
  const parts = w.split("-");
  const titled = (part: string): boolean => TITLES.has(part) || TITLE_QUALIFIERS.has(part) || ROLE_NOUNS.has(part);
  return parts.some(titled) && parts.every((part) => titled(part) || /^(?:elect|in|of|at|co)$/.test(part));
}

/** Titles a reader may type before a name that are never surnames themselves ("Sen. Cruz", "President Obama"),
 * beside the honorifics: name matching drops them. ("King", "Major" and "Justice" are surnames too.) */
export const NAME_QUERY_TITLES = wordSet("prof professor sen senator rep gov governor president gen");

/** Titles that also start ordinary capitalised phrases ("General Election", "Major League", "Chief Executive"). */
export const AMBIGUOUS_TITLES = wordSet("general major chief speaker chair first deputy private grand royal");

/** Words that head a title of several words only when one follows ("Prime Minister", "Vice President"). */
export const TITLE_HEADS = wordSet("prime vice deputy attorney secretary chief first supreme foreign home");

/**
 * Words that lengthen a title chain before a name without being a title or a name themselves: "former Vice
 * President", "House Majority Leader", "State Sen.", "Defense Secretary", "presidential hopeful".
 */
export const TITLE_QUALIFIERS = wordSet(`
  vice deputy assistant associate executive former acting interim senior junior top then late longtime
  press house senate majority minority state defense defence treasury homeland labor labour campaign national
  presidential vice-presidential hopeful frontrunner front-runner prime chief
`);

/** Political and religious affiliations written before a name ("Democrat Hillary Clinton", "Tory MP X"). */
export const AFFILIATIONS = wordSet(`
  democrat democrats democratic republican republicans gop conservative liberal labour tory socialist communist
  independent progressive libertarian catholic protestant muslim jewish christian evangelical
`);

/** Nouns for roles and jobs: the head of a description ("kernel maintainer", "a baker in Leeds"). */
export const ROLE_NOUNS = wordSet(`
  engineer engineers developer developers maintainer maintainers programmer hacker architect designer
  lead leader head chief founder co-founder cofounder creator inventor author writer reporter journalist
  editor columnist correspondent analyst researcher scientist professor lecturer teacher student expert
  economist historian consultant adviser advisor director manager executive ceo cto cfo coo president
  vice-president chairman chairwoman chair spokesman spokeswoman spokesperson representative official
  officer secretary minister senator congressman congresswoman governor mayor judge justice lawyer attorney
  prosecutor candidate nominee politician lawmaker legislator diplomat ambassador commissioner strategist
  aide staffer pollster activist advocate organiser organizer campaigner member owner partner investor
  entrepreneur employee contributor overseer steward coordinator administrator specialist fellow
  critic commentator host presenter anchor producer actor actress singer musician artist rapper comedian
  player coach captain striker goalkeeper champion doctor physician nurse surgeon police detective
  inspector soldier general commander colonel chancellor premier president-elect boss
  veteran pioneer proponent opponent supporter co-creator billionaire businessman businesswoman star
  daughter son wife husband mother father brother sister widow widower niece nephew cousin grandson granddaughter
  baker butcher farmer plumber carpenter electrician mechanic pilot firefighter fisherman chef
  waiter waitress shopkeeper cleaner builder gardener tailor barber pharmacist dentist veterinarian accountant
  banker broker trader clerk cashier sailor nun priest monk teenager pupil graduate retiree pensioner farmworker
  attendant blogger photographer filmmaker novelist poet playwright composer dancer athlete defender forward
  midfielder defenceman defenseman quarterback jockey wrestler referee umpire
`);

/** Role nouns that a company or a group can hold as well ("its main partner, Lockheed Martin,"). */
export const ROLES_OF_ORGANISATIONS_TOO = wordSet("owner partner investor member supporter opponent contributor proponent critic champion leader");

/** Verbs that state a role in a relative clause ("who leads", "who was appointed chief executive"). */
export const ROLE_VERBS = wordSet(`
  leads led maintains maintained runs ran heads headed founded co-founded cofounded created manages managed directs
  directed chairs chaired oversees oversaw represents represented owns owned teaches taught works worked serves
  served is was has had contributes contributed develops developed writes wrote covers studies advises advised
  coaches coached hosts hosted edits edited anchors anchored specializes specialises researches investigates
  organizes organises helps helped became becomes appointed named elected chosen
`);

/** Role nouns and kinship words that say whether the person is a man or a woman ("her daughter", "the chairwoman"). */
export const GENDERED_NOUNS = new Map<string, Gender>([
  ...wordMap(
    "congressman councilman assemblyman chairman businessman spokesman king prince baron duke earl viscount marquess " +
      "sheikh emir father brother son husband widower nephew grandson uncle grandfather dad boyfriend fiance stepson " +
      "actor sir lord mr",
    "male" as Gender,
  ),
  ...wordMap(
    "congresswoman councilwoman assemblywoman chairwoman businesswoman spokeswoman queen princess baroness duchess " +
      "countess dame lady mother sister daughter wife widow niece granddaughter aunt grandmother mom mum girlfriend " +
      "fiancee fiancée stepdaughter actress mrs ms miss",
    "female" as Gender,
  ),
]);

/** Generational and patronymic suffixes that belong to a name but are not its surname ("Jr.", "III", "Filho"). */
export const NAME_SUFFIXES = wordSet("jr jr. sr sr. ii iii iv phd filho neto júnior junior sobrinho");

/** Lower-case particles inside a name ("Ursula von der Leyen", "Vincent van Gogh", "Osama bin Laden"). */
export const NAME_PARTICLES = wordSet("de da das do dos du di del della der den van von ter ten bin ibn al el la le los las les y st");

/** First names that compromise's lexicon knows only as ordinary words ("Bill", "Frank", "Rush"). */
export const WORD_FIRST_NAMES = wordSet(`
  bill frank will rush rich rose hope faith joy dawn ray art gene guy lily hunter dean earl ben max
  sky summer autumn iris ivy violet holly amber ruby pearl jade crystal heather destiny harmony melody
  brandy candy sandy rusty dusty buck chip sonny tex wade chuck skip herb cliff glen
  drew lance miles norman pierce reed rod roy stone troy victor wolf jean
`);

/** First names whose gender compromise's lexicon does not record (it knows about three thousand). */
export const FIRST_NAME_GENDER = new Map<string, Gender>([
  ...wordMap(
    "mitt jeb reince newt rand mike chris ted ben tim bill tom jim bob dan greg matt nick tony steve dave sam fred ed ron " +
      "don ahmed mohammed muhammad ali omar hans karl klaus pierre francois vladimir sergei dmitri hiroshi kenji " +
      "rush frank buck chuck wade herb cliff glen drew lance miles norman pierce reed rod roy troy victor",
    "male" as Gender,
  ),
  ...wordMap(
    "ivanka melania kellyanne huma hillary michelle sheryl marissa liz beth meg sue kate jane fatima aisha rose hope " +
      "faith joy dawn lily iris ivy violet holly amber ruby pearl jade crystal heather",
    "female" as Gender,
  ),
]);
