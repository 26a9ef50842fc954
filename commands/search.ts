import { SlashCommandBuilder } from "discord.js";
import { renderSearch } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { MAX_QUERY, str, type Command } from "./types.ts";

export const search: Command = {
  data: new SlashCommandBuilder()
    .setName("search")
    .setDescription("Find sentences in the news articles that match some words.")
    .addStringOption((o) =>
      o.setName("query").setDescription("Words to look for").setRequired(true).setMaxLength(MAX_QUERY),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (you can share it)"))
    .toJSON(),
  defer: true,
  run(answers, options) {
    const query = str(options, "query");
    if (!query) throw new UserError("search-needs-query", "Tell me what to look for, e.g. `/search memory safety`.");
    return renderSearch(query, answers.search(query));
  },
};
