import { TextBuilder, type MappedText } from "./offsetMap.ts";

// Every double-quote variant becomes ", every single-quote or apostrophe variant becomes ', every hyphen variant
// becomes -. Dashes (– —) stay: they separate clauses, they do not join words.
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E\uFF02]/;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4\uFF07]/;
const HYPHENS = /[\u2010\u2011\u2012\u2043\uFE63\uFF0D\u2212]/;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;

/**
 * NFKC per character plus unified quotes, hyphens and spacing. Doubled single marks ('' and ``), which some
 * wires use as double quotes, become one ".
 */
// Plain printable ASCII (bar the quote characters that may pair up) needs no work and is copied in runs.
const NEEDS_WORK = /[^\n\x20-\x26\x28-\x5f\x61-\x7e]/g;

export function unifyCharacters(input: string): MappedText {
  const out = new TextBuilder();
  let i = 0;
  while (i < input.length) {
    NEEDS_WORK.lastIndex = i;
    const next = NEEDS_WORK.exec(input);
    const runEnd = next ? next.index : input.length;
    if (runEnd > i) {
      out.push(input.slice(i, runEnd), i);
      i = runEnd;
      if (i >= input.length) break;
    }
    const pair = input.slice(i, i + 2);
    if (pair === "''" || pair === "``" || pair === "\u2018\u2018" || pair === "\u2019\u2019") {
      out.push('"', i, true);
      i += 2;
      continue;
    }
    const cp = input.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    const from = i - ch.length;
    if (INVISIBLE.test(ch)) continue;
    if (DOUBLE_QUOTES.test(ch)) out.push('"', from);
    else if (SINGLE_QUOTES.test(ch) || ch === "`") out.push("'", from);
    else if (HYPHENS.test(ch)) out.push("-", from);
    else if (ch === "\r") continue;
    else if (ch === "\t" || ch === "\u00A0" || ch === "\u202F") out.push(" ", from);
    else {
      const n = ch.normalize("NFKC");
      out.push(n, from, n.length !== ch.length);
    }
  }
  return out.finish();
}
