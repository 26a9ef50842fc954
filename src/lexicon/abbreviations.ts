// Abbreviations whose period does not end a sentence or a speaker phrase ("Mr. Trump", "Sen. Ted Cruz (R-Tex.)",
// "Gluskin Sheff + Associates Inc., said").
import { wordSet } from "./wordList.ts";

/** Abbreviated titles and honorifics, without their period. */
export const TITLE_ABBREVIATIONS = wordSet("mr mrs ms dr prof sen rep gov gen lt col maj capt cpl sgt adm cmdr rev hon pres supt insp det del amb fr pvt st jr sr");

/** The titles the abbreviations stand for ("Gov." is a governor). */
export const TITLE_ABBREVIATION_MEANING = new Map(
  Object.entries({
    prof: "professor", sen: "senator", rep: "representative", gov: "governor", gen: "general", lt: "lieutenant",
    col: "colonel", maj: "major", capt: "captain", cpl: "corporal", sgt: "sergeant", adm: "admiral", cmdr: "commander",
    rev: "reverend", pres: "president", supt: "superintendent", insp: "inspector", det: "detective", del: "delegate",
    amb: "ambassador", fr: "father", pvt: "private",
  }),
);

/** Company forms ("Inc.", "Corp."). */
export const COMPANY_ABBREVIATIONS = wordSet("inc corp co ltd llc bros plc");

/** US state abbreviations in the AP style that follow a name or a party tag ("R-Tex.", "of Tulsa, Okla."). */
export const STATE_ABBREVIATIONS = wordSet(`
  ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa
  tenn tex va vt wash wis wyo n.y n.j n.c s.c n.d s.d n.h n.m r.i w.va d.c
`);

/** Every word after which a period does not end a sentence: titles, company forms, months, Latin shorthands. */
export const SENTENCE_ABBREVIATIONS = wordSet(`
  mr mrs ms dr prof sen rep gov gen lt col maj capt cpl sgt adm cmdr st jr sr rev hon pres supt insp det del amb pvt
  inc corp co ltd llc bros dept univ assn est fig no nos vol pp op ed eds
  jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
  vs etc al approx ca cf eg ie e.g i.e a.m p.m u.s u.k u.n u.s.a d.c n.y l.a ph.d
`);

/** Abbreviations that also end sentences ("the U.S. Senate" / "in the U.S. The"): a sentence ends after one only when
 * the next word typically starts a sentence. */
export const AMBIGUOUS_ABBREVIATIONS = wordSet("a.m p.m u.s u.k u.n d.c n.y l.a etc inc co corp ltd jr sr no del");

/** Title, company and state abbreviations as written, capitalised ("Mr", "Inc", "N.Y"), as one regex alternation
 * with the periods escaped, for speaker phrases. */
export const PHRASE_ABBREVIATIONS = [...TITLE_ABBREVIATIONS, ...COMPANY_ABBREVIATIONS, ...STATE_ABBREVIATIONS]
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(/(^|\.)(\p{L})/gu, (_, dot: string, c: string) => dot + c.toUpperCase()).replace(/\./g, "\\."))
  .join("|");
