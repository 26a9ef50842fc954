import { renderSearch } from "../src/render/answers.ts";
import { UserError } from "../src/render/errors.ts";
import { answerCommand } from "./define.ts";
import { PRIVATE, text } from "./options.ts";
import { MAX_QUERY } from "./types.ts";

export const search = answerCommand({
  name: "search",
  description: "Find sentences in the news articles that match some words.",
  options: {
    query: text("Words to look for", { required: true, maxLength: MAX_QUERY }),
    ...PRIVATE,
  },
  defer: true,
  async run(answers, { query }) {
    if (!query) throw new UserError("search-needs-query", "Tell me what to look for, e.g. `/search memory safety`.");
    return renderSearch(query, await answers.search(query));
  },
});
