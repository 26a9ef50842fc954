// Verbs of speaking and writing, as lemmas; their written forms are generated once. One broad list, shared by quote
// attribution ("X said", "said X", "X, a maintainer, wrote:") and person evidence (a word that speaks is a person or
// an organisation).
import { wordSet } from "./wordList.ts";

/**
 * Lemmas of verbs that report speech or writing. A trailing "+" doubles the final consonant before -ed/-ing
 * ("admit+" gives "admitted", "admitting").
 */
const SPEECH_LEMMAS = `
  say tell add acknowledge explain write reply respond ask continue note argue insist declare state claim recall
  warn concede admit+ observe remark quip+ joke counter announce tweet emphasize emphasise stress predict complain
  suggest urge shout yell cry conclude muse boast brag+ lament maintain testify confirm comment reiterate exclaim
  whisper promise vow pledge charge contend assert proclaim thunder interject agree disagree caution recount report
  sing chant text email e-mail opine answer retort scoff sigh elaborate wonder protest reveal allege scream scold
  mock tease demand question query implore gush fume blurt beg+ plead rage rant snap+ snarl sneer growl grumble
  mutter murmur gasp marvel enthuse crow deadpan post tout affirm aver+ attest avow concur+ confess deny disclose
  gripe howl intone moan preach propose rebut+ recite reassure rejoin repeat shrug+ speculate summarize summarise
  swear theorize theorise underline underscore wail whine yelp inform assure remind press interrupt inquire exhort
`;

/** Irregular forms, beyond the regular -s/-ed/-ing. */
const IRREGULAR: Record<string, string[]> = {
  say: ["said"],
  tell: ["told"],
  write: ["wrote", "written"],
  sing: ["sang", "sung"],
  swear: ["swore", "sworn"],
  weep: ["wept"],
  speak: ["spoke", "spoken"],
};

/** Lemmas whose bare form is a cue (after "to": "was prompted to say", "went on to add"); the others' bare forms are
 * mostly nouns ("a warning", "the state"). */
const BARE_CUES = wordSet("say tell add ask write explain respond insist argue admit");

/** -s forms that are more often plural nouns than verbs ("the states", "his claims", "the protests"). */
const PLURAL_NOUN_FORMS = wordSet(`
  states claims reports questions answers promises charges comments remarks texts emails e-mails posts cries pledges
  protests counters crows rages rants sighs gasps screams whispers chants murmurs howls moans wails yelps growls
  snarls sneers tweets snaps repeats shrugs fumes gripes mocks teases thunders queries marvels retorts
`);

/** Verbs that are speech only with their particle: "pointed out", "went on", "summed up", "chimed in". */
export const PARTICLE_CUES = [
  "put it", "puts it", "pointed out", "points out", "pointing out", "went on", "goes on", "summed up",
  "sums up", "chimed in", "chimes in", "shot back", "fired back", "blurted out", "blurts out", "cried out",
  "spoke out", "weighed in", "weighs in", "piped up", "broke in", "cut in",
];

const thirdPerson = (lemma: string): string =>
  /(?:s|sh|ch|x|z|o)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;

function forms(entry: string): string[] {
  const double = entry.endsWith("+");
  const lemma = double ? entry.slice(0, -1) : entry;
  const stem = double ? lemma + lemma.at(-1) : lemma;
  const out = IRREGULAR[lemma] ? [...(IRREGULAR[lemma] as string[])] : [];
  const ed = /e$/.test(lemma) ? `${lemma}d` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ied` : `${stem}ed`;
  const ing = /ie$/.test(lemma) ? `${lemma.slice(0, -2)}ying` : /[^e]e$/.test(lemma) ? `${lemma.slice(0, -1)}ing` : `${stem}ing`;
  if (!IRREGULAR[lemma]) out.push(ed);
  out.push(ing);
  if (BARE_CUES.has(lemma)) out.push(lemma);
  if (!PLURAL_NOUN_FORMS.has(thirdPerson(lemma))) out.push(thirdPerson(lemma));
  return out;
}

/** Every written form of every speech verb, lower case ("said", "says", "saying", "say", "implored", "gushes"). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([...wordSet(SPEECH_LEMMAS)].flatMap((e) => forms(e)));

/** The -s forms that are usually plural nouns ("states", "claims"): a cue only where nothing else can be meant,
 * right before a colon and a quote ("The report states: ..."). */
export const NOUN_LIKE_SPEECH_FORMS: ReadonlySet<string> = PLURAL_NOUN_FORMS;

/** Verbs of belief and stance that also mark their subject as someone ("X thinks", "Y believed"). */
export const STANCE_VERBS = wordSet(`
  think thinks thought believe believes believed feel feels felt hope hopes hoped fear fears feared
  call calls called criticize criticizes criticized criticise criticises criticised defend defends defended
  praise praises praised blame blames blamed accuse accuses accused dismiss dismisses dismissed
`);

/** Nouns of speech that frame a quoted phrase after a possessive: 'Miguel Ojeda's characterization of it as "the
 * darkest hour"'. */
export const FRAMING_NOUNS = wordSet(`
  characterization characterisation description words phrase term label claim warning promise comment remark
  statement assessment verdict call description prediction plea
`);

/** Verbs that frame a quoted label rather than report an utterance: `called it a "global takeover"`. */
export const FRAMING_VERBS = wordSet(`
  call calls called calling dub dubs dubbed dubbing label labels labeled labelled labeling labelling term terms
  termed describe describes described describing brand brands branded deem deems deemed characterize
  characterizes characterized characterise characterised
`);
