import { renderMentions } from "../src/render/checks.ts";
import { messageCommand } from "./define.ts";

export const mentioned = messageCommand({
  name: "Who is mentioned here?",
  consoleName: "mentioned",
  description: "Who in this message do the articles know, and in what role?",
  run: async (answers, { text }) => renderMentions(await answers.mentioned(text ?? "")),
});
