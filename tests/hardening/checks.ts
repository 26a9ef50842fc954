// What the bot sends, checked against Discord's limits, its mention rules, and markdown that stays where it was put.
import type { Json } from "./drive.ts";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Bidi embeddings, overrides and isolates: one left open turns the rest of the bot's own line around. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Problems a text would show wherever it goes: broken characters, a direction override. */
export function textProblems(where: string, text: string): string[] {
  const out: string[] = [];
  if (LONE_SURROGATE.test(text)) out.push(`${where}: half of a surrogate pair`);
  if (BIDI_CONTROL.test(text)) out.push(`${where}: bidi control character`);
  return out;
}

/** The markdown pieces of a message (footer and author are shown without markdown). */
export function markdownPieces(body: Json): [string, string][] {
  const out: [string, string][] = [];
  if (typeof body.content === "string") out.push(["content", body.content]);
  for (const [i, e] of ((body.embeds as Json[] | undefined) ?? []).entries()) {
    if (typeof e.title === "string") out.push([`embeds.${i}.title`, e.title]);
    if (typeof e.description === "string") out.push([`embeds.${i}.description`, e.description]);
    for (const [j, f] of ((e.fields as Json[] | undefined) ?? []).entries()) {
      out.push([`embeds.${i}.fields.${j}.name`, String(f.name)], [`embeds.${i}.fields.${j}.value`, String(f.value)]);
    }
  }
  return out;
}

/**
 * Markdown as Discord reads it: escaped characters become NUL, and so do the inside of inline code spans and the
 * target of a masked link (where nothing formats or mentions); what is left formats the message.
 */
function live(md: string): string {
  let out = "";
  let code = false;
  for (let i = 0; i < md.length; i++) {
    const c = md[i] as string;
    if (c === "`") code = !code;
    if (code && c !== "`") out += "\0";
    else if (c === "\\") out += `\0${md[++i] === undefined ? "" : "\0"}`;
    else if (md.startsWith("](http", i) && md.indexOf(")", i) > 0) {
      const end = md.indexOf(")", i);
      out += `](${"\0".repeat(end - i - 2)})`;
      i = end;
    } else out += c;
  }
  return out;
}

/** The markdown characters that are not escaped, in order: what decides how a text is formatted. */
export function skeleton(md: string): string {
  return [...live(md)].filter((c) => "*_~`|<>[]()#@\n".includes(c)).join("");
}

/** Formatting that leaks: an unbalanced marker would bold, strike, spoil or code-format the rest of the message. */
export function markupProblems(where: string, md: string): string[] {
  const sk = skeleton(md);
  const out: string[] = [];
  for (const marker of ["*", "_", "~", "`", "|"]) {
    const n = sk.split(marker).length - 1;
    if (n % 2 !== 0) out.push(`${where}: ${n} unescaped ${marker}`);
  }
  if (/@(everyone|here)|<@/.test(live(md))) out.push(`${where}: a live mention`);
  return out;
}

/** Discord counts characters as code points (its API is Python), not UTF-16 units. */
const over = (where: string, value: unknown, max: number, min = 0): string[] => {
  const n = [...(typeof value === "string" ? value : "")].length;
  return n > max || n < min ? [`${where}: ${n} characters (limit ${min}–${max})`] : [];
};

/**
 * Everything wrong with a message body (reply, edit, follow-up or update): Discord's limits on content, embeds
 * and components, mentions that could ping, broken characters, and formatting that leaks.
 */
export function messageProblems(body: Json): string[] {
  const out: string[] = [];
  const embeds = (body.embeds as Json[] | undefined) ?? [];
  const rows = (body.components as Json[] | undefined) ?? [];
  out.push(...over("content", body.content, 2000));
  if (embeds.length > 10) out.push(`${embeds.length} embeds`);
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const footer = (e.footer as Json | undefined)?.text;
    const author = (e.author as Json | undefined)?.name;
    const fields = (e.fields as Json[] | undefined) ?? [];
    out.push(...over(`embeds.${i}.title`, e.title, 256), ...over(`embeds.${i}.description`, e.description, 4096));
    out.push(...over(`embeds.${i}.footer`, footer, 2048), ...over(`embeds.${i}.author`, author, 256));
    if (fields.length > 25) out.push(`embeds.${i}: ${fields.length} fields`);
    for (const [j, f] of fields.entries()) {
      out.push(...over(`embeds.${i}.fields.${j}.name`, f.name, 256, 1), ...over(`embeds.${i}.fields.${j}.value`, f.value, 1024, 1));
      if (!String(f.name).trim() || !String(f.value).trim()) out.push(`embeds.${i}.fields.${j}: blank`);
    }
    const texts = [e.title, e.description, footer, author, ...fields.flatMap((f) => [f.name, f.value])];
    total += texts.reduce<number>((n, t) => n + (typeof t === "string" ? [...t].length : 0), 0);
    texts.forEach((t) => typeof t === "string" && out.push(...textProblems(`embeds.${i}`, t)));
  }
  if (total > 6000) out.push(`embeds: ${total} characters in all`);
  if (rows.length > 5) out.push(`${rows.length} action rows`);
  const ids = new Set<string>();
  for (const row of rows) {
    const buttons = (row.components as Json[] | undefined) ?? [];
    if (buttons.length < 1 || buttons.length > 5) out.push(`an action row of ${buttons.length}`);
    for (const b of buttons) {
      out.push(...over("button label", b.label, 80, 1), ...over("custom_id", b.custom_id, 100, 1));
      if (ids.has(String(b.custom_id))) out.push(`custom_id ${String(b.custom_id)} twice`);
      ids.add(String(b.custom_id));
    }
  }
  if (!body.content && embeds.length === 0) out.push("an empty message");
  if (typeof body.content === "string") out.push(...textProblems("content", body.content));
  for (const [where, md] of markdownPieces(body)) out.push(...markupProblems(where, md));
  const mentions = body.allowedMentions as Json | undefined;
  const parse = mentions?.parse;
  if (!mentions || !Array.isArray(parse) || parse.length > 0 || mentions.users || mentions.roles) {
    out.push(`allowedMentions ${JSON.stringify(mentions)} could ping`);
  }
  return out;
}

/** Everything wrong with autocomplete choices: at most 25, names 1–100 characters, values 1–100. */
export function choiceProblems(choices: Json[], maxValue = 100): string[] {
  const out: string[] = [];
  if (choices.length > 25) out.push(`${choices.length} choices`);
  for (const [i, c] of choices.entries()) {
    out.push(...over(`choices.${i}.name`, c.name, 100, 1), ...over(`choices.${i}.value`, c.value, maxValue, 1));
    if (typeof c.name !== "string" || !c.name.trim()) out.push(`choices.${i}: blank name`);
    if ([c.name, c.value].some((t) => LONE_SURROGATE.test(String(t)))) out.push(`choices.${i}: half of a surrogate pair`);
  }
  return out;
}
