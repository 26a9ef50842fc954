import { SlashCommandBuilder } from "discord.js";
import { renderQuote } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { MAX_QUERY, str, type Command } from "./types.ts";

const HALF = MAX_QUERY / 2;

export const quote: Command = {
  data: new SlashCommandBuilder()
    .setName("quote")
    .setDescription("What did someone say? Give a speaker, some words of the quote, or both.")
    .addStringOption((o) =>
      o.setName("speaker").setDescription("Who said it").setAutocomplete(true).setMaxLength(HALF),
    )
    .addStringOption((o) => o.setName("text").setDescription("Words from the quote").setMaxLength(HALF))
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (you can share it)"))
    .toJSON(),
  run(answers, options) {
    const speaker = str(options, "speaker");
    const text = str(options, "text");
    if (!speaker && !text) throw new UserError("quote-needs-speaker-or-text", "Give a `speaker`, some `text` from the quote, or both.");
    const query = { ...(speaker ? { speaker } : {}), ...(text ? { text } : {}) };
    return renderQuote(query, answers.quote(query));
  },
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
};
