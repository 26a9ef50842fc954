// Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits) and
// helpers that keep text inside them without breaking markdown escapes or surrogate pairs.

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Sum of every embed's title, description, field names and values, footer text and author name. */
  total: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
} as const;

const ELLIPSIS = "…";

/** Discord counts characters as UTF-16 code units; cutting must not split a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, Math.max(0, cut)).trimEnd() + ELLIPSIS;
}

/**
 * Escapes corpus text for markdown-rendered places (titles, descriptions, field names and values): characters that
 * format, quote, link, spoil or mention are backslash-escaped, line-start list and heading markers are neutralised,
 * and runs of whitespace (including newlines) collapse to one space so a piece can never start a block of its own.
 */
export function escapeMarkdown(text: string): string {
  return escapeLineStart(escapeChars(text.replace(/\s+/g, " ").trim()));
}

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), dropped from any text the bot shows: one
 * left open in a query or an article would turn the rest of the bot's own line around. Right-to-left text itself
 * needs none of them.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Backslash-escapes every character that formats, quotes, links, spoils or mentions (and drops bidi controls). */
export function escapeChars(text: string): string {
  return text.replace(BIDI_CONTROLS, "").replace(/[\\*_~`|<>[\]()#@]/g, "\\$&");
}

/** Neutralises list markers at the start of a piece ("- x", "+ x", "1. x"). */
export function escapeLineStart(text: string): string {
  return text.replace(/^([-+])/, "\\$1").replace(/^(\d+)\. /, "$1\\. ");
}

/** Escapes then truncates so that the result, ellipsis included, fits in `max` and never ends inside an escape. */
export function escapeTruncate(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escapeMarkdown(chars.slice(0, mid).join("")).length + ELLIPSIS.length <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? (max >= 1 ? ELLIPSIS : "") : escapeMarkdown(chars.slice(0, lo).join("")) + ELLIPSIS;
}

/** Plain text for places Discord shows without markdown (footer, author): whitespace collapsed, bidi controls dropped, then truncated. */
export function plain(text: string, max: number): string {
  return truncate(text.replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim(), max);
}
