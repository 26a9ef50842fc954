import { UserError } from "../src/render/errors.ts";
import { followLabel, followListText } from "../src/render/follows.ts";
import { escapeTruncate } from "../src/render/limits.ts";
import { STOP_WORDS, tokenize } from "../src/answer/text.ts";
import { botCommand } from "./define.ts";
import { text } from "./options.ts";
import { MAX_FOLLOWS, type FollowOutcome } from "./services.ts";
import { MAX_QUERY } from "./types.ts";

export const follow = botCommand({
  name: "follow",
  description: "Get a DM when a new article quotes or mentions someone, or has some words.",
  requires: [],
  consoleNote: "Follows are DMs from the bot on Discord: use /follow there.",
  subcommands: {
    person: { description: "Follow a person the articles name", options: { name: text("Who (start typing to pick)", { required: true, autocomplete: true, maxLength: MAX_QUERY }) } },
    words: { description: "Follow some words: a new article with them, whole and in order, any case", options: { words: text("The words", { required: true, maxLength: MAX_QUERY }) } },
    list: { description: "What you follow", options: {} },
  },
  async run({ follows }, input, { userId, answers }) {
    if (input.subcommand === "list") return { content: followListText(follows.list(userId), MAX_FOLLOWS, follows.dmsClosed(userId)) };
    if (input.subcommand === "words") {
      const words = input.options.words ?? "";
      const content = tokenize(words).filter((w) => !STOP_WORDS.has(w));
      if (content.length === 0) throw new UserError("follow-needs-words", "Give some words that say something, e.g. `/follow words words:memory safety`.");
      return { content: outcomeText(await follows.followWords(userId, words)) };
    }
    const name = input.options.name ?? "";
    if (!name) throw new UserError("follow-needs-person", "Tell me whom to follow, e.g. `/follow person name:Linus Torvalds`.");
    const found = await answers.who(name);
    if (!found.person) {
      const near = found.suggestions.slice(0, 5).map((s) => `**${escapeTruncate(s, 80)}**`);
      throw new UserError(
        "follow-unknown-person",
        `No one called “${escapeTruncate(name, 64)}” in the articles.${near.length ? ` Did you mean ${near.join(", ")}?` : " Start typing and pick a name."}`,
      );
    }
    return { content: outcomeText(await follows.followPerson(userId, found.person)) };
  },
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
});

function outcomeText(outcome: FollowOutcome): string {
  if (outcome.kind === "limit") {
    throw new UserError("follow-limit", `You already follow ${MAX_FOLLOWS}, the most there can be. \`/unfollow\` one first.`);
  }
  const what = followLabel(outcome.follow);
  if (outcome.kind === "already") return `You already follow ${what}.`;
  return `Following ${what}: I will DM you when a new article ${outcome.follow.kind === "person" ? "quotes or mentions them" : "has these words"}. \`/unfollow\` stops it.`;
}
