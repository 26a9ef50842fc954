import { SlashCommandBuilder } from "discord.js";
import { renderAbout } from "../src/render/answers.ts";
import type { Command } from "./types.ts";

export const about: Command = {
  data: new SlashCommandBuilder()
    .setName("about")
    .setDescription("What the bot knows (which articles, as of when) and how to ask it.")
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (you can share it)"))
    .toJSON(),
  run: (answers) => renderAbout(answers.about()),
};
