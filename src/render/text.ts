// The reply model as plain text: how the Discord message reads, for the console.
import type { EmbedView, ReplyModel } from "./model.ts";

/** Markdown as it reads: masked links become "text <url>", formatting markers go, escapes are resolved. */
export function markdownToText(md: string): string {
  return md
    .replace(/\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^)\s]+)\)/g, "$1 <$2>")
    .replace(/(?<!\\)(\*\*|\*|`)/g, "")
    // Quote markers before escapes are resolved: an escaped "\>" at a line's start is text, not a quote.
    .replace(/^> ?/gm, "│ ")
    .replace(/\\([^A-Za-z0-9\s])/g, "$1");
}

function embedToText(e: EmbedView): string {
  const lines: string[] = [];
  if (e.author) lines.push(e.author);
  lines.push(`■ ${markdownToText(e.title)}`);
  if (e.url) lines.push(`<${e.url}>`);
  if (e.description) lines.push("", markdownToText(e.description));
  for (const f of e.fields) lines.push("", `${markdownToText(f.name)}:`, markdownToText(f.value));
  if (e.footer) lines.push("", e.footer);
  return lines.join("\n");
}

export function replyToText(reply: ReplyModel): string {
  const parts: string[] = [];
  if (reply.ephemeral) parts.push("(only you can see this)");
  if (reply.content) parts.push(markdownToText(reply.content));
  for (const e of reply.embeds) parts.push(embedToText(e));
  const buttons = reply.buttons.filter((b) => !b.disabled).map((b) => `[${b.label}]`);
  if (buttons.length) parts.push(buttons.join(" "));
  return parts.join("\n");
}
