import { describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.ts";
import { normalise } from "../../src/corpus/normalise.ts";
import { extractArticle } from "../../src/extract/index.ts";
import { buildKnowledgeBase } from "../../src/kb/build.ts";
import { toContractJson } from "../../src/kb/contract.ts";

function articleOf(id: string, body: string): Article {
  const n = normalise(body);
  return { id, file: `/tmp/${id}.md`, meta: { title: id, outlet: "Test", published: "2025-03" }, hash: id, signature: "", body, text: n.text, toOriginal: n.toOriginal };
}

describe("the kb contract", () => {
  it("keeps direct quotes in `quotes` and quoted fragments of reporters' sentences apart in `fragments`", () => {
    const a = articleOf(
      "harbour",
      'Harbour master Ruth Ames called the new quay "a lesson in patience" on Monday. "We waited eleven years for it," Ames said.',
    );
    const kb = toContractJson(buildKnowledgeBase([a], [extractArticle(a)])) as {
      quotes: { text: string; speaker: string | null }[];
      fragments: { text: string; speaker: string | null; sentence: string }[];
    };
    expect(kb.quotes.map((q) => [q.speaker, q.text])).toEqual([["Ruth Ames", "We waited eleven years for it"]]);
    expect(kb.fragments).toEqual([
      {
        text: "a lesson in patience",
        speaker: "Ruth Ames",
        article: "harbour",
        sentence: 'Harbour master Ruth Ames called the new quay "a lesson in patience" on Monday.',
      },
    ]);
  });
});
