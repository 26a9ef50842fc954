// `/announce channel set|remove|list`: how each announcement channel announces (commands/services.ts
// ChannelSettings), for /announce (commands/announce.ts).
import type { AsyncAnswers } from "../src/answer/types.ts";
import { UserError } from "../src/render/errors.ts";
import { escapeTruncate, LIMITS, truncate } from "../src/render/limits.ts";
import { channel, flag, role, text } from "./options.ts";
import type { Announcements, ChannelSettings } from "./services.ts";

const list = (what: string) => text(`${what}, comma-separated (none: no condition)`, { maxLength: 200 });

export const CHANNEL_SUBCOMMANDS = {
  "channel set": {
    description: "Announce in a channel, or change how: filter, mode, thread, role",
    options: {
      channel: channel("The channel", { required: true }),
      mode: text("Every new article, or only those with a quote", { choices: [{ name: "every article", value: "every" }, { name: "only articles with a quote", value: "quotes" }] }),
      thread: flag("Start a thread for each announcement"),
      role: role("A role to mention with each announcement (members opt in by taking it)"),
      no_role: flag("Stop mentioning the role"),
      people: list("Only articles naming one of these people"),
      words: list("Only articles with one of these words"),
      outlets: list("Only articles from one of these outlets"),
    },
  },
  "channel remove": { description: "Stop announcing in a channel", options: { channel: channel("The channel", { required: true }) } },
  "channel list": { description: "The announcement channels and how each announces", options: {} },
} as const;

/** A comma-separated list as typed: entries trimmed, "none" for none, at most 25. */
function entries(value: string | undefined, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 1 && items[0]?.toLowerCase() === "none") return [];
  if (items.length > 25) throw new UserError("too-many-filters", `At most 25 ${what} per channel.`);
  return [...new Set(items)];
}

export interface SetInput {
  channel?: string;
  mode?: string;
  thread?: boolean;
  role?: string;
  no_role?: boolean;
  people?: string;
  words?: string;
  outlets?: string;
}

/** Applies `/announce channel set`; people the corpus knows are kept under its name for them ("Torvalds": Linus Torvalds). */
export async function setChannel(announcements: Announcements, answers: AsyncAnswers, o: SetInput, guildId: string | undefined): Promise<string> {
  if (!o.channel) throw new UserError("announce-needs-channel", "Pick the channel, e.g. `/announce channel set channel:#news`.");
  if (o.role && o.role === guildId) throw new UserError("announce-everyone-role", "Pick a role members can opt into: the bot never mentions @everyone.");
  const named = entries(o.people, "people") ?? [];
  const found = await Promise.all(named.map(async (name) => (await answers.who(name)).person));
  const unknown = named.filter((_, i) => !found[i]);
  const people = o.people === undefined ? undefined : named.map((name, i) => found[i]?.name ?? name);
  const patch: Parameters<Announcements["configure"]>[1] = {
    ...(o.mode === "every" || o.mode === "quotes" ? { mode: o.mode } : {}),
    ...(o.thread !== undefined && { thread: o.thread }),
    ...(o.role ? { role: o.role } : o.no_role ? { role: null } : {}),
    ...(people && { people }),
  };
  const words = entries(o.words, "words");
  const outlets = entries(o.outlets, "outlets");
  if (words) patch.words = words;
  if (outlets) patch.outlets = outlets;
  const settings = await announcements.configure(o.channel, patch);
  const note = unknown.length ? `\nNot in the articles yet (matched by name when they appear): ${unknown.map((n) => `“${escapeTruncate(n, 60)}”`).join(", ")}.` : "";
  return `Announcing in ${describe(o.channel, settings)}${note}`;
}

export async function removeChannel(announcements: Announcements, channelId: string | undefined): Promise<string> {
  if (!channelId) throw new UserError("announce-needs-channel", "Pick the channel, e.g. `/announce channel remove channel:#news`.");
  if (!(await announcements.remove(channelId))) throw new UserError("not-announce-channel", `<#${channelId}> is not an announcement channel.`);
  return `No more announcements in <#${channelId}>.`;
}

export function listChannels(announcements: Announcements): string {
  const channels = announcements.channels();
  if (channels.length === 0) return "No announcement channel yet: `/announce channel set channel:#news` adds one.";
  return truncate(["Announcement channels:", ...channels.map((c) => `• ${describe(c, announcements.settings(c))}`)].join("\n"), LIMITS.content);
}

/** "<#id>: every article · a thread each · mentions <@&role> · people: …". */
export function describe(channelId: string, s: ChannelSettings): string {
  const names = (xs: string[]) => xs.map((x) => escapeTruncate(x, 60)).join(", ");
  const parts = [
    s.mode === "quotes" ? "only articles with a quote" : "every article",
    ...(s.thread ? ["a thread each"] : []),
    ...(s.role ? [`mentions <@&${s.role}>`] : []),
    ...(s.people.length ? [`people: ${names(s.people)}`] : []),
    ...(s.words.length ? [`words: ${names(s.words)}`] : []),
    ...(s.outlets.length ? [`outlets: ${names(s.outlets)}`] : []),
  ];
  return `<#${channelId}>: ${parts.join(" · ")}`;
}
