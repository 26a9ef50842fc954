import { renderAbout } from "../src/render/answers.ts";
import { answerCommand } from "./define.ts";
import { PRIVATE } from "./options.ts";

export const about = answerCommand({
  name: "about",
  description: "What the bot knows (which articles, as of when) and how to ask it.",
  options: { ...PRIVATE },
  run: async (answers) => renderAbout(await answers.about()),
});
