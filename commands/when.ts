import { renderWhen } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { answerCommand } from "./define.ts";
import { PRIVATE, text } from "./options.ts";
import { MAX_QUERY } from "./types.ts";

export const when = answerCommand({
  name: "when",
  description: "When did something happen? Answers with dated, cited sentences.",
  options: {
    event: text("What happened", { required: true, autocomplete: true, maxLength: MAX_QUERY }),
    ...PRIVATE,
  },
  async run(answers, { event }) {
    if (!event) throw new UserError("when-needs-event", "Tell me what happened, e.g. `/when Rust merged`.");
    return renderWhen(event, await answers.when(event));
  },
  autocomplete: (answers, _option, value) => answers.suggest("event", value),
});
