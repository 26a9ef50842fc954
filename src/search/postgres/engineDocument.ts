// A document of the large indexes (sentences, events, quotes) as a scope's subset index holds it (subsetIndex.ts),
// made from the engine's knowledge base and the sentence texts fetched for the question: the documents the MiniSearch
// indexes hold (indexDocuments.ts), so both engines find the same. Apart from engine.ts, which only serves it.
import type { CorpusView } from "../../answer/context.ts";
import type { Indexes } from "../../answer/indexes.ts";
import { eventDocumentOf } from "../../answer/indexDocuments.ts";
import { distinctTerms } from "./documents.ts";
import type { Kind } from "./postings.ts";
import { fieldsDocument, termSetDocument, type SubsetDocument } from "./subsetIndex.ts";

/**
 * The document of `kind` with this id (its position), its sentences' texts read through `text` (by position;
 * undefined: not fetched yet, and then so is the document).
 */
export function storedDocument(
  { view, base }: { view: CorpusView; base: Pick<Indexes, "sentenceCount" | "sentencePosition"> },
  kind: Kind,
  id: number,
  text: (position: number) => string | undefined,
): SubsetDocument | undefined {
  const { kb } = view;
  if (kind === "sentences") {
    const t = id < base.sentenceCount ? text(id) : "";
    return t === undefined ? undefined : termSetDocument(id, distinctTerms(t));
  }
  if (kind === "events") {
    const e = kb.events.at(id);
    let missing = false;
    const read = (index: number): string | undefined => {
      const position = e && base.sentencePosition({ article: e.article, sentence: index });
      const t = position === undefined ? undefined : text(position);
      if (position !== undefined && t === undefined) missing = true;
      return t;
    };
    const doc = e ? eventDocumentOf(id, e, { text: read, paragraph: (index) => view.paragraph({ article: e.article, sentence: index }) }) : { text: "", context: "" };
    return missing ? undefined : fieldsDocument(id, [doc.text, doc.context]);
  }
  const q = id < kb.quotes.length ? kb.quotes[id] : kb.fragments[id - kb.quotes.length];
  return fieldsDocument(id, [q?.text ?? ""]);
}
