import type { AsOf, Source } from "../answer/types.ts";
import { escapeChars, escapeLineStart, escapeMarkdown, escapeTruncate, LIMITS, plain, truncate } from "./limits.ts";
import { COLORS, type EmbedView, type FieldView } from "./model.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025", "2025-12" or "2025-12-09" as "2025", "Dec 2025", "9 Dec 2025"; anything else as it is. */
export function formatDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  if (!month) return y as string;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** A link target Discord will accept inside `[text](url)`: http(s) only, no characters that end the link early. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
    const s = u.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return s.length <= 512 ? s : undefined;
  } catch {
    return undefined;
  }
}

/** "— [Title](url), Outlet, 9 Dec 2025": the citation line under every cited sentence. */
export function sourceLine(s: Source): string {
  const title = escapeTruncate(s.title, 150);
  const url = safeUrl(s.url);
  const named = url ? `[${title}](${url})` : `*${title}*`;
  return `— ${named}, ${escapeTruncate(s.outlet, 80)}, ${formatDate(s.published)}`;
}

export function asOfLine(asOf: AsOf): string {
  const n = `${asOf.articles} article${asOf.articles === 1 ? "" : "s"}`;
  return asOf.newest ? `As of ${formatDate(asOf.newest)} · ${n}` : `As of now · ${n}`;
}

/** A cited sentence as a block quote followed by its source line. */
export function citedBlock(sentence: string, source: Source, lead = ""): string {
  return `${lead}> ${escapeTruncate(sentence, 700)}\n${sourceLine(source)}`;
}

/** A search hit with its matched words in bold, everything escaped exactly once. */
export function escapeHighlighted(matched: string[], text: string, max = 700): string {
  const terms = new Set(matched.map((t) => t.trim().toLowerCase()).filter(Boolean));
  const flat = text.replace(/\s+/g, " ").trim();
  if (terms.size === 0) return escapeTruncate(flat, max);
  const build = (raw: string): string => {
    let out = "";
    let last = 0;
    for (const m of raw.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu)) {
      if (!terms.has(m[0].toLowerCase())) continue;
      out += escapeChars(raw.slice(last, m.index)) + `**${escapeChars(m[0])}**`;
      last = m.index + m[0].length;
    }
    return escapeLineStart(out + escapeChars(raw.slice(last)));
  };
  const full = build(flat);
  if (full.length <= max) return full;
  const chars = Array.from(flat);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(chars.slice(0, mid).join("")).length + 1 <= max) lo = mid;
    else hi = mid - 1;
  }
  return build(chars.slice(0, lo).join("")) + "…";
}

/**
 * A fragment shown where it stands in its sentence, in bold between curly marks, everything escaped once; a long
 * sentence is cut around the fragment. The fragment alone when the sentence does not hold it.
 */
export function fragmentInSentence(fragment: string, sentence: string, max = 700): string {
  const flat = sentence.replace(/\s+/g, " ").trim();
  let start = flat.indexOf(fragment);
  const mid = `**“${escapeTruncate(fragment, Math.floor(max / 2))}”**`;
  if (!fragment || start < 0) return mid;
  let end = start + fragment.length;
  if (flat[start - 1] === '"') start--;
  end += /^[,.;:!?]?"/.exec(flat.slice(end))?.[0].length ?? 0;
  const budget = Math.max(0, max - mid.length - 2);
  let before = flat.slice(0, start).trimEnd();
  // The words just before the fragment matter most: a long lead is cut from its start, at a word.
  while (escapeMarkdown(before).length + 1 > budget / 2 && before.length > 0) before = before.slice(before.indexOf(" ", 1) + 1 || before.length);
  const lead = before ? `${start > before.length + 1 ? "…" : ""}${escapeMarkdown(before)} ` : "";
  const rest = flat.slice(end).trimStart();
  const tail = rest ? ` ${escapeTruncate(rest, budget - lead.length)}` : "";
  return escapeLineStart(lead + mid + tail);
}

export function embedLength(e: EmbedView): number {
  return (
    e.title.length +
    (e.description?.length ?? 0) +
    (e.footer?.length ?? 0) +
    (e.author?.length ?? 0) +
    e.fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Clamps every part of an embed to Discord's limits, then trims fields and description to the 6,000 total. */
export function fitEmbed(e: EmbedView, total: number = LIMITS.total): EmbedView {
  const fields: FieldView[] = e.fields.slice(0, LIMITS.fields).map((f) => ({
    name: truncate(f.name, LIMITS.fieldName) || "\u200b",
    value: truncate(f.value, LIMITS.fieldValue) || "\u200b",
    ...(f.inline ? { inline: true } : {}),
  }));
  const out: EmbedView = { ...e, title: truncate(e.title, LIMITS.title), fields };
  if (e.description !== undefined) out.description = truncate(e.description, LIMITS.description);
  if (e.footer !== undefined) out.footer = plain(e.footer, LIMITS.footer);
  if (e.author !== undefined) out.author = plain(e.author, LIMITS.author);
  while (embedLength(out) > total && out.fields.length > 0) out.fields.pop();
  const over = embedLength(out) - total;
  if (over > 0 && out.description) out.description = truncateAtLine(out.description, out.description.length - over);
  return out;
}

/** Cuts markdown at a line boundary when possible, so no link or block is left half-open; "\n…" included, within `max`. */
export function truncateAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max - 2);
  return cut > max / 2 ? text.slice(0, cut).trimEnd() + "\n…" : truncate(text, max);
}

export interface PageSpec {
  title: string;
  url?: string;
  author?: string;
  /** Shown above the blocks on the first page only. */
  intro?: string;
  /** Fields on the first page only. */
  fields?: FieldView[];
  /** Self-contained markdown blocks (a cited sentence and its source, ...), split across pages. */
  blocks: string[];
  perPage: number;
  asOf: AsOf;
  /** Shown when there are no blocks. */
  empty?: string;
}

/** Lays blocks out on pages: at most `perPage` per page and never past the description limit. */
export function paginate(spec: PageSpec): EmbedView[] {
  const budget = 3800;
  const groups: string[][] = [];
  let current: string[] = [];
  let size = spec.intro ? spec.intro.length + 2 : 0;
  for (const raw of spec.blocks) {
    const block = truncateAtLine(raw, 1500);
    if (current.length > 0 && (current.length >= spec.perPage || size + block.length + 2 > budget)) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += block.length + 2;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  const color = spec.blocks.length > 0 ? COLORS.answer : COLORS.empty;
  return groups.map((blocks, i) => {
    const parts = i === 0 && spec.intro ? [spec.intro, ...blocks] : blocks;
    if (spec.blocks.length === 0 && spec.empty) parts.push(spec.empty);
    const page: EmbedView = {
      title: spec.title,
      fields: i === 0 ? (spec.fields ?? []) : [],
      footer: asOfLine(spec.asOf),
      color,
    };
    if (parts.length > 0) page.description = parts.join("\n\n");
    if (spec.url) page.url = spec.url;
    if (spec.author) page.author = spec.author;
    return fitEmbed(page);
  });
}
