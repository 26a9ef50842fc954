// Small MiniSearch indexes over the documents a question fetched, written straight in MiniSearch's serialised form
// (what toJSON writes, what loadJS reads) and holding only the fetched terms: indexing thousands of documents to keep
// a few terms' postings would cost more than the question. The engine sets the whole corpus's document count and
// average field lengths on them before loading, so that BM25 scores as over the whole corpus.
import type { AsPlainObject } from "minisearch";
import { indexTerm, indexTokenize } from "../../answer/text.ts";

/**
 * A term-set index of the fetched sentences in MiniSearch's serialised form (as toJSON writes it), holding the
 * fetched terms only: each document's field length is its number of distinct terms, every term frequency 1.
 * (Built directly: indexing thousands of sentences to keep a few terms' postings would cost more than the query.)
 */
export function termSetJS(docs: Map<number, { terms: string[] }>, fetched: Set<string>): Omit<AsPlainObject, "documentCount" | "averageFieldLength"> {
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  const postings = new Map<string, Record<string, number>>();
  let shortId = 0;
  for (const [id, { terms }] of docs) {
    documentIds[shortId] = id;
    fieldLength[shortId] = [terms.length];
    for (const t of terms) {
      if (!fetched.has(t)) continue;
      let p = postings.get(t);
      if (!p) postings.set(t, (p = {}));
      p[shortId] = 1;
    }
    shortId++;
  }
  return {
    nextId: shortId,
    documentIds,
    fieldIds: { text: 0 },
    fieldLength,
    storedFields: {},
    dirtCount: 0,
    index: [...postings].map(([term, p]) => [term, { 0: p }]),
    serializationVersion: 2,
  };
}

/**
 * An index of the fetched documents' `fields` in MiniSearch's serialised form, holding the fetched terms only, with
 * the term frequencies and field lengths MiniSearch's add() records (distinct tokens per field; each token's
 * processed term counted).
 */
export function fieldsJS(docs: Map<number, Record<string, string>>, fields: string[], fetched: Set<string>): Omit<AsPlainObject, "documentCount" | "averageFieldLength"> {
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  const postings = new Map<string, Record<string, Record<string, number>>>();
  let shortId = 0;
  for (const [id, doc] of docs) {
    documentIds[shortId] = id;
    fieldLength[shortId] = fields.map((field, fieldId) => {
      const tokens = indexTokenize(doc[field] ?? "");
      for (const token of tokens) {
        const t = indexTerm(token);
        if (t === null || !fetched.has(t)) continue;
        let byField = postings.get(t);
        if (!byField) postings.set(t, (byField = {}));
        const freqs = (byField[fieldId] ??= {});
        freqs[shortId] = (freqs[shortId] ?? 0) + 1;
      }
      return new Set(tokens).size;
    });
    shortId++;
  }
  return {
    nextId: shortId,
    documentIds,
    fieldIds: Object.fromEntries(fields.map((f, i) => [f, i])),
    fieldLength,
    storedFields: {},
    dirtCount: 0,
    index: [...postings],
    serializationVersion: 2,
  };
}
