import { SlashCommandBuilder } from "discord.js";
import { renderTimeline } from "../src/render/answers.ts";
import { MAX_QUERY, str, type Command } from "./types.ts";

export const timeline: Command = {
  data: new SlashCommandBuilder()
    .setName("timeline")
    .setDescription("Dated events in order: for one person, or for the whole corpus.")
    .addStringOption((o) =>
      o.setName("person").setDescription("Whose timeline (leave out for everything)").setAutocomplete(true).setMaxLength(MAX_QUERY),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (you can share it)"))
    .toJSON(),
  defer: true,
  run(answers, options) {
    return renderTimeline(answers.timeline(str(options, "person")));
  },
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
};
