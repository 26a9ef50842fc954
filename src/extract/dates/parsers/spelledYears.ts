/**
 * Years written in words, as broadcast transcripts have them: "nineteen ninety-six", "nineteen eighty",
 * "the year two thousand", "two thousand and one". Month + spelled year ("January nineteen ninety-seven") is joined
 * by the merge refiner.
 */
import type { Candidate, DateParser, SentenceView } from "../types.ts";
import { scan, textAfter, textBefore } from "./scan.ts";

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const UNIT = "(?:one|two|three|four|five|six|seven|eight|nine)";
const TEEN = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";
const TEN = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
// "nineteen ninety-six" / "nineteen oh five" / "two thousand (and) one"; the century word alone ("nineteen") is a number.
const RE = new RegExp(
  `\\b(?:(?:the\\s+)?year\\s+)?(?:(eighteen|nineteen)\\s+(?:(${TEN})(?:[-\\s](${UNIT}))?|(${TEEN})|(?:oh|o)[-\\s](${UNIT}))|two\\s+thousand(?:\\s+(?:and\\s+)?(${UNIT}|${TEEN}))?)\\b`,
  "gi",
);

export const spelledYears: DateParser = { name: "spelledYears", gate: /eighteen|nineteen|thousand/i, parse };

function parse(s: SentenceView): Candidate[] {
  return scan(spelledYears, RE, s, (m) => {
    const [whole, century, tens, unit, teen, oh, millennium] = m;
    let year: number;
    if (century) {
      const base = century.toLowerCase() === "eighteen" ? 1800 : 1900;
      year = base + (TENS[tens?.toLowerCase() ?? ""] ?? 0) + (UNITS[unit?.toLowerCase() ?? ""] ?? 0) +
        (TEENS[teen?.toLowerCase() ?? ""] ?? 0) + (UNITS[oh?.toLowerCase() ?? ""] ?? 0);
    } else {
      // "two thousand" alone is a count unless introduced as a year.
      if (!millennium && !/year/i.test(whole) && !/\b(?:in|since|until|by|of)\s+$/i.test(textBefore(s, m.index))) return null;
      year = 2000 + (UNITS[millennium?.toLowerCase() ?? ""] ?? TEENS[millennium?.toLowerCase() ?? ""] ?? 0);
    }
    // A count of things: "nineteen ninety-six people".
    if (/^\s+(?:people|dollars|men|women|years|of)\b/i.test(textAfter(s, m.index + whole.length))) return null;
    return { explicit: true, resolve: () => ({ year }) };
  });
}
