// Hostile strings for every text a user (or a corpus) can give the bot: empty and blank, very long, emoji and ZWJ
// sequences, right-to-left text and bidi overrides, null and control characters, markdown, code fences, mentions,
// URLs, and mixes of them with real words so that the answers have something to show.
import fc from "fast-check";
import type { KnowledgeBase } from "../../src/kb/types.ts";

/** Pieces that break things on their own. */
export const NASTY_PIECES: readonly string[] = [
  "",
  " ",
  " \t \n\r\n ",
  "\u00a0\u2003\u3000\u2028\u2029",
  // emoji, ZWJ sequences, flags, skin tones, combining marks
  "👩‍👩‍👧‍👦",
  "👨🏽‍💻🏳️‍🌈",
  "🇺🇦🇯🇵",
  "🦀",
  "e\u0301\u0301\u0301",
  "Z̷̢̛̪a̶̧l̸g̵o̴",
  "𝐋𝐢𝐧𝐮𝐱",
  "\u200b\u200c\u200d\ufeff",
  // right to left, bidi controls
  "مرحبا بالعالم",
  "שלום עולם",
  "\u202eevil",
  "abc\u202edef\u202c",
  "\u202b\u202a\u202d",
  "\u2066\u2067\u2068",
  "\u200f\u200e",
  // null and control characters
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u000b\u000c",
  "\u001b[31mred\u001b[0m",
  "\u0085\u009b",
  // markdown
  "**",
  "**bold",
  "__underline",
  "~~strike",
  "||spoiler",
  "*",
  "_",
  "> quote",
  ">>> rest",
  "# heading",
  "## h2",
  "-# subtext",
  "- item",
  "* item",
  "+ item",
  "1. one",
  "```",
  "```js\ncode\n```",
  "`",
  "``",
  "\\",
  "\\*",
  "[link](https://evil.example)",
  "<https://example.com>",
  // mentions and other Discord syntax
  "@everyone",
  "@here",
  "<@123>",
  "<@!123>",
  "<@&123>",
  "<#123>",
  "<t:0:R>",
  "<:emoji:123>",
  "</who:123>",
  // URLs
  "https://example.com/a_(b)?q=1&r=*x*#frag",
  "javascript:alert(1)",
  "discord.gg/abc",
  // things that look like syntax of the bot itself
  ":",
  "¦",
  "name:x",
  "private:true",
  "speaker:",
  "%s%d",
  "${x}",
  "__proto__",
  "constructor",
];

/** Whole inputs worth trying every time. */
export const NASTY_INPUTS: readonly string[] = [
  ...NASTY_PIECES,
  "x".repeat(6000),
  "🦀".repeat(3000),
  "*".repeat(6000),
  "`".repeat(6000),
  "@everyone ".repeat(600),
  "a ".repeat(3000),
  "\u202e".repeat(6000),
  "**@everyone** <@&123> ||<#456>|| ```\n# x\n```",
];

/** fast-check runs; HOSTILE_SCALE=20 (with a longer --testTimeout) searches twenty times longer. */
export const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * Number(process.env.HOSTILE_SCALE ?? 1))) });

/** Code points Discord can deliver (well-formed UTF-16: no lone surrogates), any of them. */
const anyText = fc.string({ unit: "binary", maxLength: 80 });

/** Nasty pieces without a letter or digit: wrapped around real words, they leave the words to find. */
const DECOR = NASTY_PIECES.filter((p) => p && !/[\p{L}\p{N}]/u.test(p));

/** A piece: nasty, random, or a phrase of the corpus (so that an answer is found and rendered). */
function piece(phrases: readonly string[]): fc.Arbitrary<string> {
  const words = phrases.length > 0 ? phrases : ["word"];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_PIECES) },
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: anyText },
  );
}

/** A phrase of the corpus with markdown, mentions, emoji or bidi controls glued to or between its words. */
function decorated(phrases: readonly string[]): fc.Arbitrary<string> {
  const words = phrases.length > 0 ? phrases : ["word"];
  return fc
    .tuple(fc.constantFrom(...words), fc.array(fc.constantFrom(...DECOR), { minLength: 1, maxLength: 12 }), fc.constantFrom("", " "))
    .map(([phrase, decor, glue]) => phrase.split(" ").map((w, i) => `${decor[i % decor.length]}${glue}${w}${glue}${decor[(i + 1) % decor.length]}`).join(" "));
}

/** Characters that take more room than they seem to: astral, combining, zero-width, escaped by the renderer. */
const WIDE = ["🦀", "👩‍👩‍👧‍👦", "🇺🇦", "𝐋", "e\u0301", "\u200b", "*", "\u202e"];

/** A corpus phrase filled up to an option's max_length (32 or 64 code points, as Discord counts) with wide characters. */
export function padded(phrases: readonly string[]): fc.Arbitrary<string> {
  const words = phrases.length > 0 ? phrases : ["word"];
  return fc.tuple(fc.constantFrom(...words), fc.boolean(), fc.constantFrom(...WIDE), fc.constantFrom(32, 64)).map(([phrase, oneWord, wide, max]) =>
    [...`${oneWord ? phrase.split(" ")[0] : phrase} ${wide.repeat(max)}`].slice(0, max).join(""),
  );
}

/** Repeats `s` up to `n` UTF-16 units, never cutting a surrogate pair. */
const toLength = (n: number) => (s: string): string => {
  let out = "";
  for (const ch of s.repeat(Math.ceil(n / s.length))) {
    if (out.length + ch.length > n) break;
    out += ch;
  }
  return out;
};

/**
 * A hostile option value: a nasty input, a corpus phrase dressed in markdown and mentions or filled up with wide
 * characters, a mix of nasty pieces and corpus phrases (glued or spaced), random text, or one piece repeated to
 * 6,000 characters.
 */
export function nastyString(phrases: readonly string[] = []): fc.Arbitrary<string> {
  const p = piece(phrases);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_INPUTS) },
    { weight: 3, arbitrary: decorated(phrases) },
    { weight: 1, arbitrary: padded(phrases) },
    { weight: 3, arbitrary: fc.tuple(fc.array(p, { maxLength: 6 }), fc.constantFrom(" ", "", "\n")).map(([parts, sep]) => parts.join(sep)) },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: p.filter((s) => s.length > 0).map(toLength(6000)) },
  );
}

/**
 * What a user might type about a knowledge base, taken from the knowledge base itself (never a hand-picked name):
 * its names, titles, article ids (what /announce autocomplete fills in), and runs of one to four words from its
 * quotes and sentences.
 */
export function phrasesOf(kb: KnowledgeBase, max = 120): string[] {
  const out = new Set([...kb.people.flatMap((p) => [p.name, ...p.aliases]), ...kb.articles.flatMap((a) => [a.title, a.id])]);
  const texts = [...kb.quotes.map((q) => q.text), ...kb.articles.flatMap((a) => a.sentences.map((s) => s.text))];
  const step = Math.max(1, Math.floor(texts.length / max));
  texts.forEach((t, i) => {
    if (i % step !== 0) return;
    const words = t.split(/\s+/).filter(Boolean);
    const at = (i * 7) % Math.max(1, words.length);
    out.add(words.slice(at, at + 1 + (i % 4)).join(" "));
  });
  return [...out].filter(Boolean);
}
