import { SlashCommandBuilder } from "discord.js";
import { renderWhen } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { MAX_QUERY, str, type Command } from "./types.ts";

export const when: Command = {
  data: new SlashCommandBuilder()
    .setName("when")
    .setDescription("When did something happen? Answers with dated, cited sentences.")
    .addStringOption((o) =>
      o.setName("event").setDescription("What happened").setRequired(true).setAutocomplete(true).setMaxLength(MAX_QUERY),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (you can share it)"))
    .toJSON(),
  run(answers, options) {
    const event = str(options, "event");
    if (!event) throw new UserError("when-needs-event", "Tell me what happened, e.g. `/when Rust merged`.");
    return renderWhen(event, answers.when(event));
  },
  autocomplete: (answers, _option, value) => answers.suggest("event", value),
};
