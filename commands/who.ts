import { renderWho } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { answerCommand } from "./define.ts";
import { PRIVATE, text } from "./options.ts";
import { MAX_QUERY } from "./types.ts";

export const who = answerCommand({
  name: "who",
  description: "Who is someone in the news articles? Answers with the sentences that say so.",
  options: {
    name: text("A person's name", { required: true, autocomplete: true, maxLength: MAX_QUERY }),
    ...PRIVATE,
  },
  async run(answers, { name }) {
    if (!name) throw new UserError("who-needs-name", "Tell me a name, e.g. `/who Linus Torvalds`.");
    return renderWho(name, await answers.who(name));
  },
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
});
