// What /follow, /unfollow and the bot say about a member's follows, in one place.
import { escapeTruncate } from "./limits.ts";

/** A follow as shown: a person (by name) or some words. */
interface Followed {
  kind: "person" | "words";
  label: string;
}

/** How a follow reads: the person in bold, words in quotes. */
export const followLabel = (f: Followed): string =>
  f.kind === "person" ? `**${escapeTruncate(f.label, 100)}**` : `“${escapeTruncate(f.label, 100)}”`;

/** How a follow reads where markdown is not shown (autocomplete choices). */
export const followChoice = (f: Followed): string => (f.kind === "person" ? `Person: ${f.label}` : `Words: ${f.label}`);

/** Told privately at a member's next command, once, after Discord refused to deliver a follow DM (50007). */
export const DMS_CLOSED_NOTE =
  "I could not send you the DM about what you follow: your DMs are closed to me (Discord: “Cannot send messages to this user”). " +
  "Allow direct messages from this server's members (or from apps) in your privacy settings and I will DM you about the next article. " +
  "`/follow list` shows what you follow; `/unfollow` stops one.";

export function followListText(follows: readonly Followed[], max: number, dmsClosed: boolean): string {
  if (follows.length === 0) return "You follow no one and no words yet. `/follow person` or `/follow words` to start: I DM you when a new article matches.";
  const lines = [`You follow (${follows.length} of at most ${max}):`, ...follows.map((f) => `• ${followLabel(f)}`)];
  lines.push(dmsClosed ? "⚠️ Your DMs were closed to me at the last try: allow DMs, or I cannot tell you about new articles." : "I DM you when a new article matches; `/unfollow` stops one.");
  return lines.join("\n");
}
