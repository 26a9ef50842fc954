import { renderCheck } from "../src/render/checks.ts";
import { messageCommand } from "./define.ts";

export const checkQuote = messageCommand({
  name: "Check this quote",
  consoleName: "check",
  description: "Is this quote in the articles, word for word, and whose is it?",
  run: async (answers, { text }) => renderCheck(await answers.check(text ?? "")),
});
