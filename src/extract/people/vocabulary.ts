// Generic vocabularies for recognising people in news text. Nothing here is about any particular topic or corpus.

const set = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Titles and honorifics written before a name; stripped from the name, kept as a fallback description. */
export const TITLES = set(`
  mr mrs ms miss mx dr prof sir dame lord lady sen senator rep representative gov governor president
  vice-president vp pres gen general lt col colonel maj major capt captain sgt sergeant adm admiral cmdr
  rev reverend fr father hon judge justice chancellor minister secretary mayor ambassador prince princess
  king queen sheikh pope cardinal bishop rabbi imam chairman chairwoman chair ceo cfo cto coo commissioner
  inspector detective officer constable superintendent det supt insp premier speaker councillor councilman
  councilwoman assemblyman assemblywoman congressman congresswoman leader director
  baroness baron viscount earl duke duchess countess marquess secretary-general attorney-general
`);

/** Titles that also start non-person names ("General Election", "Major League", "Chief Executive"). */
export const AMBIGUOUS_TITLES = set("general major chief speaker chair first deputy private grand royal");

/** Titles that are only titles when capitalised and followed by a name (so "president" alone stays a word). */
export const MULTIWORD_TITLE_HEADS = set("prime vice deputy attorney secretary chief first supreme foreign home");

/** Words that end organisation, event, product or place names: a sequence holding one is not a person. */
export const ORG_WORDS = set(`
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
  week month year act treaty policy report show program programme observer chronicle telegraph guardian
  courier examiner inquirer enquirer gazette bulletin atoll bay coast peninsula gulf sea ocean strait canal
  enforcement investment investments holiday hurricane storm typhoon cyclone operation securities exchange
  markets associates brothers electronics worldwide theater theatre cinema arena stadium airport station
  textile textiles electric chemical chemicals pharmaceuticals motors steel oil gas petroleum mining insurance
`);

/** Political and religious affiliations written before a name ("Democrat Hillary Clinton"). */
export const AFFILIATIONS = set(`
  democrat democrats republican republicans conservative liberal labour tory socialist communist independent
  progressive libertarian catholic protestant muslim jewish christian evangelical
`);

/** Compass and size words that start place names ("West Virginia", "New Mexico", "Greater Manchester"). */
export const PLACE_PREFIXES = set("north south east west northern southern eastern western new upper lower central greater");

/** Generational and patronymic suffixes that belong to a name but are not its surname. */
export const NAME_SUFFIXES = set("jr jr. sr sr. ii iii iv filho neto júnior junior sobrinho");

/** Lower-case particles that can sit inside a name ("Ursula von der Leyen", "Vincent van Gogh"). */
export const NAME_PARTICLES = set("de da das do dos du di del della der den van von ter ten bin ibn al el la le st");

/** Verbs that introduce or follow a speaker: "X said", "said X", "X told". */
export const CUE_VERBS = set(`
  said says say told tells added adds explained explains wrote writes argued argues noted notes stated states
  insisted insists claimed claims asked asks replied replies responded responds recalled recalls acknowledged
  acknowledges warned warns announced announces observed observes suggested suggests admitted admits declared
  declares continued continues commented comments tweeted tweets posted posts thought thinks believes believed
  agreed agrees urged urges called calls criticized criticised defended defends testified testifies
`);

/** Nouns for roles and jobs: the head of a description ("kernel maintainer", "senior principal engineer"). */
export const ROLE_NOUNS = set(`
  engineer engineers developer developers maintainer maintainers programmer hacker architect designer
  lead leader head chief founder co-founder cofounder creator inventor author writer reporter journalist
  editor columnist correspondent analyst researcher scientist professor lecturer teacher student expert
  economist historian consultant adviser advisor director manager executive ceo cto cfo coo president
  vice-president chairman chairwoman chair spokesman spokeswoman spokesperson representative official
  officer secretary minister senator congressman congresswoman governor mayor judge justice lawyer attorney
  prosecutor candidate nominee politician lawmaker legislator diplomat ambassador commissioner strategist
  aide staffer pollster activist advocate organiser organizer campaigner member owner partner investor
  entrepreneur employee contributor overseer steward coordinator administrator specialist fellow
  correspondent critic commentator host presenter anchor producer actor actress singer musician artist
  player coach captain manager striker goalkeeper champion doctor physician nurse surgeon police detective
  inspector soldier general commander colonel spokesperson chancellor premier president-elect boss
  veteran pioneer proponent opponent supporter critic creator co-creator
  daughter son wife husband mother father brother sister widow widower niece nephew cousin grandson granddaughter
`);

/** First names that the lexicon only knows as ordinary words ("Bill", "Frank", "Rush"). */
export const WORD_FIRST_NAMES = set(`
  bill frank will rush rich rose hope faith joy dawn ray art gene guy lily hunter dean earl ben max
  sky summer autumn iris ivy violet holly amber ruby pearl jade crystal heather destiny harmony melody
  brandy candy sandy rusty dusty buck chip sonny tex wade chuck skip herb cliff glen
  drew lance miles norman pierce reed rod roy stone troy victor wolf jean
`);
