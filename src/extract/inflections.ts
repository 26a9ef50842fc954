// Irregular verb forms and their base form. The answers match a question and a sentence whatever tense each uses
// ("when did Rust become stable" finds "Rust became stable", "who leads X" finds "X, led by"; the Porter stemmer only
// removes regular endings), and the date extractor reads a clause's tense from its verb ("tore", "fled"). Taken from compromise's lexicon (its PastTense and
// Participle words whose infinitive differs, one word only), without a few entries that are nouns far more often
// than verbs, plus the common forms it tags otherwise ("left", "led", "lost"). A word list, to move into the shared
// lexicon with the others.

const PAIRS =
  "arisen:arise arose:arise ate:eat awoken:awake beaten:beat became:become began:begin begun:begin beheld:behold " +
  "bent:bend bitten:bite bled:bleed blew:blow blown:blow bought:buy bound:bind broke:break broken:break brought:bring " +
  "built:build came:come caught:catch chose:choose chosen:choose clung:cling crept:creep dealt:deal drank:drink " +
  "drawn:draw drew:draw driven:drive drove:drive dug:dig eaten:eat fallen:fall fed:feed fell:fall felt:feel fled:flee " +
  "flew:fly flown:fly flung:fling forbade:forbid forbidden:forbid foresaw:foresee forgave:forgive forgiven:forgive " +
  "forgot:forget forgotten:forget fought:fight found:find froze:freeze frozen:freeze gave:give given:give gone:go " +
  "got:get gotten:get grew:grow grown:grow heard:hear held:hold hid:hide hidden:hide hung:hang kept:keep knelt:kneel " +
  "knew:know known:know laid:lay led:lead left:leave lent:lend lost:lose made:make meant:mean met:meet mistook:mistake " +
  "overcame:overcome overrode:override oversaw:oversee overseen:oversee overtaken:overtake overthrown:overthrow " +
  "paid:pay proven:prove ran:run rang:ring redid:redo remade:remake rewritten:rewrite ridden:ride risen:rise rode:ride " +
  "rose:rise said:say sang:sing sank:sink sat:sit saw:see seen:see sent:send shaken:shake shone:shine shook:shake " +
  "shot:shoot shown:show shrank:shrink shrunk:shrink slain:slay slept:sleep slid:slide sold:sell sought:seek " +
  "spat:spit sped:speed spent:spend spoke:speak spoken:speak sprang:spring spun:spin stole:steal stolen:steal " +
  "stood:stand strode:stride struck:strike stuck:stick stung:sting sung:sing sunk:sink swam:swim swept:sweep " +
  "swore:swear sworn:swear swung:swing taken:take taught:teach thought:think threw:throw thrown:throw told:tell " +
  "took:take tore:tear torn:tear undergone:undergo undertook:undertake underwent:undergo understood:understand " +
  "undid:undo undone:undo upheld:uphold went:go wept:weep withdrawn:withdraw withdrew:withdraw withheld:withhold " +
  "won:win wore:wear worn:wear wove:weave woven:weave written:write wrote:write";

/** An irregular verb form ("became", "led") to its base form ("become", "lead"). */
export const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
  PAIRS.split(" ").map((pair) => pair.split(":") as [string, string]),
);
