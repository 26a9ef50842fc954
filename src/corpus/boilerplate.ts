import { TextBuilder, truncate, type MappedText } from "./offsetMap.ts";

/**
 * Site chrome that scrapers keep: reading-time badges, sign-in and subscribe prompts, comment counters, share
 * buttons, sponsor notes. Each pattern is about the page, never about a topic, and matches a whole (short) line.
 */
const CHROME_LINE: RegExp[] = [
  /^(?:sign|log)[ -]?in\b/i,
  /^signed[ -]in readers\b/i,
  /^sign up\b/i,
  /\bsubscribe to our\b/i,
  /\bbrought to you by\b.*\bsubscribers?\b/i,
  /\b\d+\s*min(?:ute)?s? read$/i,
  /^wait \d+ sec/i,
  /^\d+\s+(?:comments?|followers?|likes?|shares?|views?)$/i,
  /^(?:share|tweet|print|e-?mail|comments?|discussion|advertisement|related(?: articles| posts)?|read more|original source|written by|republication notice|reader feedback|rate this article|posts|in partnership with)$/i,
  /^was this (?:article )?worth your time\?$/i,
  /^how this landed with\b/i,
  /\ball rights reserved\b/i,
  /^(?:©|copyright\b)/i,
  /\bby clicking the link\b/i,
  /\b(?:explore|support) our sponsors\b/i,
  /\bleave (?:a comment|field notes)\b/i,
  /\bif you believe (?:it|this) infringes\b/i,
];

const MAX_CHROME_LINE = 300;
// "The post <title> appeared first on <site>." is appended by RSS syndication, often glued to the last sentence.
const SYNDICATION_TAIL = /The post .{1,300}? appeared first on [^.\n]{1,100}\.?/g;

const isChrome = (line: string): boolean => {
  const t = line.trim();
  if (!t || t.length > MAX_CHROME_LINE) return false;
  if (!/[\p{L}\p{N}]/u.test(t)) return true;
  return CHROME_LINE.some((re) => re.test(t));
};

/** True when a line has no Latin letter or digit in a text that is mostly Latin script ("图片" image placeholders). */
const isForeignPlaceholder = (line: string, latinText: boolean): boolean =>
  latinText && line.trim() !== "" && !/[\p{Script=Latin}\p{N}]/u.test(line);

// A sample decides the script: counting every letter of a long text costs more than it tells. ASCII letters are
// counted by code (a Unicode-property regex over every character was a tenth of the whole corpus load).
function mostlyLatin(sample: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const lower = sample.charCodeAt(i) | 32;
    if (lower >= 97 && lower <= 122) latin++;
  }
  for (const [ch] of sample.matchAll(/[^\p{ASCII}]/gu)) {
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (/\p{L}/u.test(ch)) other++;
  }
  return latin > 0 && latin > other;
}

/**
 * Drops boilerplate lines and repeated short lines (a byline or a share widget printed three times), keeping the
 * newline so paragraph breaks stay where they were.
 */
export function dropBoilerplate(input: string): MappedText {
  const latinText = mostlyLatin(input.slice(0, 4000));
  const seenShort = new Set<string>();
  const out = new TextBuilder();
  let offset = 0;
  for (const line of input.split("\n")) {
    const key = line.trim();
    const repeated = key.length > 0 && key.length < 200 && seenShort.has(key);
    if (key.length < 200) seenShort.add(key);
    if (!(repeated || isChrome(line) || isForeignPlaceholder(line, latinText))) {
      let last = 0;
      for (const m of line.matchAll(SYNDICATION_TAIL)) {
        out.push(line.slice(last, m.index), offset + last);
        last = m.index + m[0].length;
      }
      out.push(line.slice(last), offset + last);
    }
    out.push("\n", offset + line.length);
    offset += line.length + 1;
  }
  const done = out.finish();
  // The loop adds a newline after the last line too; drop it so the text does not grow.
  return truncate(done, done.text.length - 1);
}
