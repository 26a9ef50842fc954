// A write applied to an engine read whole: the next engine is made from the one held and the rows the write changed
// (storedChange.ts), not read again from the database. The articles kept are the same objects (their sentences stay
// where they were read), the written ones are unpacked from their rows, removed ones are left out; the sentences' and
// events' stable ids by position are the held ones with the written articles' put in at their place in the corpus
// order; the held quotes are given their stored speakers (quotesChange.ts); the people, the name index and the
// statistics are the stored ones (small, and any write may change them across the corpus). The engine is then made
// as one read is (PostgresEngine.fromStages): its positions, name index, events' places and role indexes over the new
// knowledge base, so that it answers as an engine read whole from the same version does
// (tests/live/changeRefresh.test.ts).
import type pg from "pg";
import { EventTableBuilder, type EventTable } from "../../kb/eventTable.ts";
import { sentenceCount, unpackSentences } from "../../kb/sentenceStore.ts";
import type { KbArticle } from "../../kb/types.ts";
import { eachSliced, runInSlices, type Sliced } from "../../util/slices.ts";
import { PostgresEngine } from "./engine.ts";
import { readStoredChange, type StoredChange } from "./storedChange.ts";
import { quotesAfterChange } from "./quotesChange.ts";
import { corpusOrder, interner, type RestStage } from "./storedStages.ts";

/**
 * The engine of the stored knowledge base as it is now, made from `held` (read whole) and what was written since it
 * was read; undefined when the change cannot be worked out (readStoredChange): the caller reads the whole then.
 */
export async function engineAfterChange(pool: pg.Pool, held: PostgresEngine, texts: "memory" | "database"): Promise<PostgresEngine | undefined> {
  if (!held.readWhole) return undefined;
  const ids = new Set(held.view.kb.articles.map((a) => a.id));
  const change = await readStoredChange(pool, held.version, ids, texts === "memory");
  if (!change) return undefined;
  const { articles, sentenceIds, events } = await runInSlices(applied(held, change));
  const one = interner([]);
  const written = new Set(change.fresh.articles.map((a) => a.id));
  const quotes = quotesAfterChange(held.view.kb, held.rowIds().quotes, articles, { ids: written, rows: change.quotes }, change.speakers, one);
  const rest: RestStage = { events: events.table, eventIds: events.ids, holdTexts: undefined, hashes: undefined };
  return PostgresEngine.fromStages(
    pool,
    {
      kb: { articles, people: change.people, quotes: quotes.direct, fragments: quotes.fragments },
      stats: change.stats,
      rowIds: { sentences: sentenceIds, quotes: quotes.ids },
      version: change.version,
      names: change.names,
      rest: Promise.resolve(rest),
      articleOrder: Promise.resolve(change.articleOrder),
      roles: Promise.resolve(change.roles),
    },
    texts,
    held,
  );
}

/** The articles after the change, in corpus order, with their sentences' stable ids and their events by position. */
function* applied(held: PostgresEngine, change: StoredChange): Sliced<{ articles: KbArticle[]; sentenceIds: Int32Array; events: { table: EventTable; ids: Int32Array } }> {
  const { fresh, present } = change;
  const before = held.view.kb;
  const rowIds = held.rowIds();
  // Where each held article's sentences and events lie among the held engine's positions.
  const sentencesAt = new Map<string, { from: number; to: number }>();
  let at = 0;
  yield* eachSliced(before.articles, (a) => {
    const count = sentenceCount(a);
    sentencesAt.set(a.id, { from: at, to: at + count });
    at += count;
  }, 4096);
  if (at !== rowIds.sentences.length) throw new Error(`engine change: ${at} sentences held, ${rowIds.sentences.length} stable ids`);
  const eventsAt = before.events.articleSpans();
  const written = new Set(fresh.articles.map((a) => a.id));
  const kept: KbArticle[] = [];
  yield* eachSliced(before.articles, (a) => void (present.has(a.id) && !written.has(a.id) && kept.push(a)), 4096);
  const made = unpackSentences(fresh.articles, { table: Buffer.from(fresh.table.buffer, fresh.table.byteOffset, fresh.table.byteLength), text: fresh.text });
  const articles = yield* merged(kept, made);
  const freshAt = new Map<string, { from: number; to: number }>();
  let f = 0;
  for (const a of made) {
    const count = sentenceCount(a);
    freshAt.set(a.id, { from: f, to: f + count });
    f += count;
  }
  const sentenceIds = new Int32Array(articles.reduce((n, a) => n + sentenceCount(a), 0));
  // The held events are copied as they are (their strings keep their numbers); the written articles' added.
  const table = EventTableBuilder.extending(before.events);
  const eventIds = new Int32Array(before.events.length + [...fresh.events.values()].reduce((n, list) => n + list.length, 0));
  let [s, e] = [0, 0];
  yield* eachSliced(articles, (a) => {
    const own = freshAt.get(a.id);
    const span = own ?? (sentencesAt.get(a.id) as { from: number; to: number });
    sentenceIds.set((own ? fresh.sentenceIds : rowIds.sentences).subarray(span.from, span.to), s);
    s += span.to - span.from;
    if (own) {
      for (const [id, sentence, date, dateText] of fresh.events.get(a.id) ?? []) {
        eventIds[e++] = id;
        table.add(a.id, sentence, date, dateText);
      }
      return;
    }
    const events = eventsAt.get(a.id);
    if (!events) return;
    table.copy(before.events, events.from, events.to);
    eventIds.set(rowIds.events.subarray(events.from, events.to), e);
    e += events.to - events.from;
  }, 1024);
  return { articles, sentenceIds, events: { table: table.done(), ids: eventIds.slice(0, e) } };
}

/** Two lists of articles in corpus order, merged in that order. */
function* merged(a: readonly KbArticle[], b: readonly KbArticle[]): Sliced<KbArticle[]> {
  const out: KbArticle[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && corpusOrder((a[i] as KbArticle).id, (b[j] as KbArticle).id) <= 0)) out.push(a[i++] as KbArticle);
    else out.push(b[j++] as KbArticle);
    if (out.length % 8192 === 0) yield;
  }
  return out;
}
