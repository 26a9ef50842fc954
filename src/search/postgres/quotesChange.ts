// The quotes after a write, for an engine the change is applied to (engineChange.ts): the written articles' quotes
// read with them, the others held, each given its speaker as stored now (a write renames the speakers of any article
// whose speaker the people merge renamed). Only the speakers of those are read, not every quote's text: reading all
// 54,000 quotes at 50,000 articles was 0.9-1.7 s of a change's take-in under load.
import type { KbQuote, KnowledgeBase } from "../../kb/types.ts";
import { quotesInOrder, quotesOfRows, type QuoteRow } from "./storedStages.ts";

/** Every stored article's speakers as its quotes name them now (direct quotes, then fragments, each by index), by article. */
export const SPEAKERS_READ = `SELECT json_object_agg(article, speakers) AS speakers
  FROM (SELECT article, json_agg(canonical ORDER BY fragment, index) AS speakers FROM kb_quote GROUP BY article) q`;

export type StoredSpeakers = Record<string, (string | null)[]>;

interface Quotes {
  direct: KbQuote[];
  fragments: KbQuote[];
  ids: Int32Array;
}

/**
 * The quotes of `articles` (in corpus order): those of `written` from their rows, the others `held`'s (its quotes'
 * stable ids by position `heldIds`: direct quotes, then fragments), each with its stored speaker. Throws when an
 * article's stored speakers are not as many as its held quotes (the caller reads the whole then).
 */
export function quotesAfterChange(
  held: Pick<KnowledgeBase, "quotes" | "fragments">,
  heldIds: Int32Array,
  articles: readonly { id: string }[],
  written: { ids: ReadonlySet<string>; rows: QuoteRow[] },
  speakers: StoredSpeakers,
  one: (value: string) => string,
): Quotes {
  const fresh = quotesInOrder(
    articles.filter((a) => written.ids.has(a.id)),
    quotesOfRows(written.rows, one),
  );
  const freshSpans = { direct: spansOf(fresh.direct), fragments: spansOf(fresh.fragments) };
  const heldSpans = { direct: spansOf(held.quotes), fragments: spansOf(held.fragments) };
  const out: Quotes = { direct: [], fragments: [], ids: new Int32Array(heldIds.length + fresh.ids.length) };
  let n = 0;
  for (const kind of ["direct", "fragments"] as const) {
    const heldList = kind === "direct" ? held.quotes : held.fragments;
    const heldOffset = kind === "direct" ? 0 : held.quotes.length;
    const freshOffset = kind === "direct" ? 0 : fresh.direct.length;
    for (const { id } of articles) {
      if (written.ids.has(id)) {
        const span = freshSpans[kind].get(id);
        for (let k = span?.from ?? 0; k < (span?.to ?? 0); k++) {
          out[kind].push(fresh[kind][k] as KbQuote);
          out.ids[n++] = fresh.ids[freshOffset + k] as number;
        }
        continue;
      }
      const span = heldSpans[kind].get(id);
      const stored = speakers[id] ?? [];
      const before = kind === "direct" ? 0 : (heldSpans.direct.get(id)?.count ?? 0);
      if (stored.length !== (heldSpans.direct.get(id)?.count ?? 0) + (heldSpans.fragments.get(id)?.count ?? 0)) {
        throw new Error(`engine change: "${id}" holds ${stored.length} stored quotes, not the quotes held`);
      }
      for (let k = span?.from ?? 0; k < (span?.to ?? 0); k++) {
        const quote = heldList[k] as KbQuote;
        const speaker = stored[before + k - (span?.from ?? 0)] ?? null;
        out[kind].push(quote.speaker === speaker ? quote : { ...quote, speaker: speaker === null ? null : one(speaker) });
        out.ids[n++] = heldIds[heldOffset + k] as number;
      }
    }
  }
  return { ...out, ids: out.ids.subarray(0, n) };
}

/** Where each article's quotes lie in a list that holds each article's together. */
function spansOf(list: readonly KbQuote[]): Map<string, { from: number; to: number; count: number }> {
  const spans = new Map<string, { from: number; to: number; count: number }>();
  list.forEach((q, i) => {
    const span = spans.get(q.article);
    if (span) span.to = i + 1;
    else spans.set(q.article, { from: i, to: i + 1, count: 1 });
  });
  for (const span of spans.values()) span.count = span.to - span.from;
  return spans;
}
