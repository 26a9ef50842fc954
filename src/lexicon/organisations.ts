// Words that mark a capitalised phrase as an organisation, event, product or place rather than a person.
import { wordSet } from "./wordList.ts";

/** Words that end organisation, event, product or place names: a phrase holding one is not a person. */
export const ORG_WORDS = wordSet(`
  inc corp corporation co ltd llc plc gmbh ag sa foundation summit conference project university college
  institute institution association society party committee council commission company group bank department
  ministry agency authority service services news times post journal herald tribune gazette daily review
  network networks television radio tv magazine press club union league federation alliance partners
  capital ventures labs lab systems technologies technology software solutions industries holdings airlines
  airways motors energy media studios records hospital school academy center centre museum
  board court office bureau administration government parliament congress senate assembly house
  army navy force forces police guard team fund trust initiative program programme organization organisation
  campaign movement coalition caucus festival awards award prize cup championship olympics games series
  street avenue ave road boulevard square bridge river mountain island islands valley county city
  state states republic kingdom province district region northern southern eastern western international
  national global world federal central united royal
  api sdk app apps protocol language release version edition framework library platform mailing list forum
  week month year act treaty policy report show observer chronicle telegraph guardian
  courier examiner inquirer enquirer bulletin atoll bay coast peninsula gulf sea ocean strait canal
  enforcement investment investments holiday hurricane storm typhoon cyclone operation securities exchange
  markets associates brothers electronics worldwide theater theatre cinema arena stadium airport station
  textile textiles electric chemical chemicals pharmaceuticals steel oil gas petroleum mining insurance
  computer computers aircraft airline flight flights klan book books
`);

/** Organisation words that are also common surnames: after a known first name they end a person's name ("Jim
 * Press", "Emily Post", "Tyra Banks", "Margaret Court"). */
export const SURNAME_ORG_WORDS = wordSet("press house post bank banks street court");

/** Words for documents: a document says things, but it is no speaker ("the Beige Book said"). */
export const DOCUMENT_WORDS = wordSet("book report study survey poll memo letter document filing statement minutes briefing");

/** Compound endings of company names ("Sun Microsystems", "Qwest Communications"). */
export const ORG_ENDINGS = /\p{Ll}(?:systems|communications|technologies|networks|industries|holdings|solutions|electronics|pharmaceuticals)$/iu;

/** Nouns for a part of an organisation, after its name ("Intel's Linux team", "the Acme legal office"). */
export const UNIT_NOUNS = wordSet("team division firm unit staff branch desk lab group office campaign");

/** Compass and size words that start place names ("West Virginia", "New Mexico", "Greater Manchester"). */
export const PLACE_PREFIXES = wordSet("north south east west northern southern eastern western new upper lower central greater");
