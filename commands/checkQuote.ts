import { renderCheck } from "../src/render/checks.ts";
import { messageCommand } from "./define.ts";

export const checkQuote = messageCommand({
  name: "Check this quote",
  consoleName: "check",
  description: "Is this quote in the articles, word for word, and whose is it?",
  run: (answers, { text }) => renderCheck(answers.check(text ?? "")),
});
