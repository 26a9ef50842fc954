// Small MiniSearch indexes over the documents a question fetched, written straight in MiniSearch's serialised form
// (what toJSON writes, what loadJS reads) and holding only the terms the question looked up: indexing thousands of
// documents to keep a few terms' postings would cost more than the question. They are told the whole corpus's
// document count, average field lengths and each term's document frequency in each field, so that BM25 scores a
// document exactly as an index of the whole corpus would, though only some of the documents holding a common word
// are there.
import MiniSearch, { type Options } from "minisearch";
import { indexTerm, indexTokenize } from "../../answer/text.ts";

/** A fetched document: per field of its index, each term's frequency and the field's length as MiniSearch counts it. */
export interface SubsetDocument {
  id: number;
  fields: { tf: Map<string, number>; length: number }[];
}

/** A sentence as the term-set sentence index holds it: each distinct term once, its length their number. */
export function termSetDocument(id: number, terms: readonly string[]): SubsetDocument {
  return { id, fields: [{ tf: new Map(terms.map((t) => [t, 1])), length: terms.length }] };
}

/** A document of `fields` as MiniSearch's add() records it: each token's term counted, the length its distinct tokens. */
export function fieldsDocument(id: number, fields: readonly string[]): SubsetDocument {
  return {
    id,
    fields: fields.map((text) => {
      const tokens = indexTokenize(text);
      const tf = new Map<string, number>();
      for (const token of tokens) {
        const t = indexTerm(token);
        if (t !== null) tf.set(t, (tf.get(t) ?? 0) + 1);
      }
      return { tf, length: new Set(tokens).size };
    }),
  };
}

/** A Map whose size is the term's document frequency in the whole corpus: what MiniSearch's BM25 reads as such. */
class CorpusSizedMap<K, V> extends Map<K, V> {
  constructor(
    entries: Iterable<[K, V]>,
    private readonly corpusSize: number,
  ) {
    super(entries);
  }
  override get size(): number {
    return this.corpusSize;
  }
}

export interface SubsetStats {
  /** Documents in the whole index. */
  documentCount: number;
  /** The whole index's summed length of each field. */
  fieldLengths: number[];
  /** A term's document frequency in a field (by its position) over the whole index. */
  documentFrequency: (term: string, field: number) => number;
}

/** A MiniSearch index of `docs` holding the postings of `terms` only, scoring as the whole index would. */
export function subsetIndex(docs: Iterable<SubsetDocument>, terms: ReadonlySet<string>, options: Options, stats: SubsetStats): MiniSearch {
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  const postings = new Map<string, Record<string, Record<string, number>>>();
  let shortId = 0;
  for (const doc of docs) {
    documentIds[shortId] = doc.id;
    fieldLength[shortId] = doc.fields.map((f) => f.length);
    doc.fields.forEach(({ tf }, fieldId) => {
      for (const [t, n] of tf) {
        if (!terms.has(t)) continue;
        let byField = postings.get(t);
        if (!byField) postings.set(t, (byField = {}));
        (byField[fieldId] ??= {})[shortId] = n;
      }
    });
    shortId++;
  }
  const index = MiniSearch.loadJS(
    {
      nextId: shortId,
      documentIds,
      fieldIds: Object.fromEntries(options.fields.map((f, i) => [f, i])),
      fieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [...postings],
      serializationVersion: 2,
      documentCount: stats.documentCount,
      averageFieldLength: stats.fieldLengths.map((sum) => sum / Math.max(1, stats.documentCount)),
    },
    options,
  );
  // MiniSearch reads a term's document frequency in a field as the size of its postings there (7.x internals).
  const tree = (index as unknown as { _index: Iterable<[string, Map<number, Map<number, number>>]> })._index;
  for (const [term, byField] of tree) {
    for (const [fieldId, freqs] of byField) byField.set(fieldId, new CorpusSizedMap(freqs, stats.documentFrequency(term, fieldId)));
  }
  return index;
}
