import { renderTimeline } from "../src/render/answers.ts";
import { answerCommand } from "./define.ts";
import { PRIVATE, text } from "./options.ts";
import { MAX_QUERY } from "./types.ts";

export const timeline = answerCommand({
  name: "timeline",
  description: "Dated events in order: for one person, or for the whole corpus.",
  options: {
    person: text("Whose timeline (leave out for everything)", { autocomplete: true, maxLength: MAX_QUERY }),
    ...PRIVATE,
  },
  defer: true,
  run: async (answers, { person }) => renderTimeline(await answers.timeline(person)),
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
});
