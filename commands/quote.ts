import { renderQuote } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { answerCommand } from "./define.ts";
import { PRIVATE, text } from "./options.ts";
import { MAX_QUERY } from "./types.ts";

const HALF = MAX_QUERY / 2;

export const quote = answerCommand({
  name: "quote",
  description: "What did someone say? Give a speaker, some words of the quote, or both.",
  options: {
    speaker: text("Who said it", { autocomplete: true, maxLength: HALF }),
    text: text("Words from the quote", { maxLength: HALF }),
    ...PRIVATE,
  },
  async run(answers, { speaker, text }) {
    if (!speaker && !text) throw new UserError("quote-needs-speaker-or-text", "Give a `speaker`, some `text` from the quote, or both.");
    const query = { ...(speaker ? { speaker } : {}), ...(text ? { text } : {}) };
    return renderQuote(query, await answers.quote(query));
  },
  autocomplete: (answers, _option, value) => answers.suggest("person", value),
});
