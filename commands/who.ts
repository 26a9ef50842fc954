import { SlashCommandBuilder } from "discord.js";
import { renderWho } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { MAX_QUERY, str, type Command } from "./types.ts";

export const who: Command = {
  data: new SlashCommandBuilder()
    .setName("who")
    .setDescription("Who is someone in the news articles? Answers with the sentences that say so.")
    .addStringOption((o) =>
      o.setName("name").setDescription("A person's name").setRequired(true).setAutocomplete(true).setMaxLength(MAX_QUERY),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (you can share it)"))
    .toJSON(),
  run(answers, options) {
    const name = str(options, "name");
    if (!name) throw new UserError("who-needs-name", "Tell me a name, e.g. `/who Linus Torvalds`.");
    return renderWho(name, answers.who(name));
  },
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
};
