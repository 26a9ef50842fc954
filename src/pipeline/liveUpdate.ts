// One update of a live corpus without a full rebuild: the articles added, changed or removed since the current
// snapshot enter the next one at the cost of their own facts. The people are merged again over the whole corpus
// by a PeopleMerger (the live corpus's worker thread, src/pipeline/warmWorker.ts), which says what changed; the
// knowledge base keeps every other article's objects (src/kb/incremental.ts); the large indexes gain the new
// articles' documents in slices, hidden from the current snapshot (src/answer/livePostings.ts); the small ones are
// built for the new snapshot. The result equals a full build of the same articles (tests/live/incremental.test.ts).
import { liveAnswerSet } from "../answer/index.ts";
import type { LivePostings } from "../answer/livePostings.ts";
import { eventAndArticleOrders } from "../answer/suggestOrders.ts";
import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { kbArticle } from "../kb/build.ts";
import { articlePeople, nextEvents, nextKnowledgeBase, type ArticlePeople, type PeopleDelta } from "../kb/incremental.ts";
import type { KbArticle, KbEvent, KnowledgeBase } from "../kb/types.ts";
import { eachSliced, runInSlices } from "../util/slices.ts";
import { snapshotSliced, type Snapshot } from "./snapshot.ts";

/** Merges the people of every article again after an update (see PeopleMerge in src/kb/incremental.ts). */
export interface PeopleMerger {
  update(order: string[], upserts: ArticlePeople[], removed: string[]): Promise<PeopleDelta>;
}

export interface LiveUpdate {
  snapshot: Snapshot;
  /** Takes the replaced and removed articles' documents out of the indexes: call once the snapshot is in use. */
  cleanup(): Promise<void>;
}

/**
 * The snapshot of `articles` (the corpus now, in corpus order), where `fresh` holds the facts of every article
 * that is new or changed since `current`.
 */
export async function updateSnapshot(
  current: Snapshot,
  postings: LivePostings,
  merger: PeopleMerger,
  articles: Article[],
  fresh: ReadonlyMap<string, ArticleFacts>,
): Promise<LiveUpdate> {
  const { before, order, replaced } = await runInSlices(changesFrom(current.kb, articles, fresh));
  // The people are merged on the worker thread while this thread makes what needs none of them: the articles, the
  // events, and the orders an empty autocomplete box offers of both (a tenth of a second at 10,000 articles).
  const merging = merger.update(order, [...fresh.values()].map(articlePeople), replaced.filter((a) => !fresh.has(a.id)).map((a) => a.id));
  merging.catch(() => undefined); // awaited below, after the work meanwhile (which may throw first)
  const kbArticles: KbArticle[] = [];
  await runInSlices(
    eachSliced(articles, (a) => {
      const facts = fresh.get(a.id);
      const kept = facts ? undefined : before.get(a.id);
      if (!facts && !kept) throw new Error(`live update: no facts for the new article "${a.id}"`);
      kbArticles.push(kept ?? kbArticle(a, facts));
    }, 2048),
  );
  const nextEventList = await runInSlices(nextEvents(current.kb, kbArticles, fresh));
  await runInSlices(eventAndArticleOrders({ events: nextEventList, articles: kbArticles }));
  const delta = await merging;
  const kb = await runInSlices(nextKnowledgeBase(current.kb, kbArticles, fresh, delta, nextEventList));
  const added = kbArticles.filter((a) => fresh.has(a.id));
  const { events, quotes, fragments } = await runInSlices(factsByArticle(kb, new Set(added.map((a) => a.id))));
  for (const a of added) await postings.add(a, events.get(a.id) ?? [], quotes.get(a.id) ?? [], fragments.get(a.id) ?? []);
  for (const a of replaced) await postings.retire(a);
  const snapshot = await runInSlices(snapshotSliced(articles, kb, await liveAnswerSet(kb, await runInSlices(postings.source(kb)))));
  return {
    snapshot,
    cleanup: async () => {
      for (const a of replaced) await postings.remove(a);
    },
  };
}

/**
 * The knowledge base's articles by id, the ids of the corpus now in order, and the articles replaced (changed, or
 * gone from the corpus).
 */
function* changesFrom(kb: KnowledgeBase, articles: readonly Article[], fresh: ReadonlyMap<string, ArticleFacts>) {
  const before = new Map<string, KbArticle>();
  yield* eachSliced(kb.articles, (a) => before.set(a.id, a), 4096);
  const order: string[] = [];
  const ids = new Set<string>();
  yield* eachSliced(articles, (a) => {
    order.push(a.id);
    ids.add(a.id);
  }, 4096);
  const replaced: KbArticle[] = [];
  yield* eachSliced(kb.articles, (a) => {
    if (!ids.has(a.id) || fresh.has(a.id)) replaced.push(a);
  }, 4096);
  return { before, order, replaced };
}

function* factsByArticle(kb: KnowledgeBase, wanted: ReadonlySet<string>) {
  const events = new Map<string, KbEvent[]>();
  const quotes = new Map<string, KnowledgeBase["quotes"]>();
  const fragments = new Map<string, KnowledgeBase["fragments"]>();
  const put = <T extends { article: string }>(into: Map<string, T[]>, x: T): void => {
    if (!wanted.has(x.article)) return;
    const list = into.get(x.article);
    if (list) list.push(x);
    else into.set(x.article, [x]);
  };
  // The events by field first: an event object is made for the wanted articles' events only.
  for (let i = 0; i < kb.events.length; i++) {
    if (wanted.has(kb.events.article(i))) put(events, kb.events.at(i) as KbEvent);
    if ((i + 1) % 4096 === 0) yield;
  }
  yield* eachSliced(kb.quotes, (q) => put(quotes, q), 4096);
  yield* eachSliced(kb.fragments, (q) => put(fragments, q), 4096);
  return { events, quotes, fragments };
}
