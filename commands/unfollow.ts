import { UserError } from "../src/render/errors.ts";
import { followChoice, followLabel } from "../src/render/follows.ts";
import { escapeTruncate } from "../src/render/limits.ts";
import { botCommand } from "./define.ts";
import { text } from "./options.ts";
import { MAX_QUERY } from "./types.ts";

export const unfollow = botCommand({
  name: "unfollow",
  description: "Stop following a person or some words.",
  requires: [],
  consoleNote: "Follows are DMs from the bot on Discord: use /unfollow there.",
  options: { follow: text("What to stop following (start typing to pick)", { required: true, autocomplete: true, maxLength: MAX_QUERY }) },
  async run({ follows }, { options }, { userId }) {
    const value = options.follow ?? "";
    const mine = follows.list(userId);
    // The id autocomplete fills in, else the name or words typed out.
    const wanted = value.toLowerCase().replace(/^(person|words): /, "");
    const found = mine.find((f) => f.id === value) ?? mine.find((f) => f.label.toLowerCase() === wanted);
    if (!found) {
      throw new UserError("not-following", mine.length ? `You do not follow “${escapeTruncate(value, 64)}”. Start typing and pick one of yours.` : "You follow nothing yet.");
    }
    await follows.unfollow(userId, found.id);
    return { content: `Stopped following ${followLabel(found)}.` };
  },
  autocomplete(_answers, _option, value, { userId, services }) {
    const typed = value.trim().toLowerCase();
    return (services?.follows.list(userId) ?? [])
      .filter((f) => f.label.toLowerCase().includes(typed))
      .map((f) => ({ name: followChoice(f), value: f.id }));
  },
});
