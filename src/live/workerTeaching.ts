// Teaching the leader's worker thread (leaderKnowledge.ts) every stored article's people, and whether the worker's
// merge of them is what the database holds: a write made by an older merge's code left other people or speakers, and
// then the next write writes them whole (the merge's own, cited as the stored ones where they are the same person).
import type pg from "pg";
import { readArticleTexts } from "../kb/articleTexts.ts";
import { citeDescriptions } from "../kb/citations.ts";
import type { ArticlePeople, PeopleDelta } from "../kb/incremental.ts";
import type { KbPerson, KnowledgeBase } from "../kb/types.ts";
import type { WarmWorker } from "../pipeline/warmWorker.ts";
import { storedArticlePeople } from "../search/postgres/kbStore.ts";

export interface Taught {
  worker: WarmWorker;
  /**
   * When the stored people or speakers are not what this code's merge makes of the stored articles (an older merge
   * wrote them): the merge's people and every article's speakers, which the next write writes whole.
   */
  remerged?: { people: KbPerson[]; speakers: PeopleDelta["speakers"] };
}

/**
 * Teaches `worker` every stored article's people; it merges them all once (2-3 s of CPU at 50,000 articles, off the
 * main thread), and its merge tells whether the stored people are what this code's merge makes of them. `before` must
 * be the stored knowledge base.
 */
export async function teachWorker(pool: pg.Pool, worker: WarmWorker, before: KnowledgeBase): Promise<Taught> {
  const stored = await storedArticlePeople(pool);
  const order = before.articles.map((a) => a.id);
  if (!sameIds(before, stored.hashes)) throw new Error("leader knowledge: the knowledge base held is not the stored one (it is read again at the next write)");
  const entries = order.map((id) => stored.people.get(id) as ArticlePeople);
  const loaded = await worker.load(
    order.map((id) => ({ article: id, hash: stored.hashes.get(id) as string })),
    entries,
    undefined,
    true,
  );
  const merged = loaded.merged;
  if (loaded.missing.length > 0 || !merged) throw new Error(`leader knowledge: the worker thread did not merge the stored people (${loaded.missing.length} articles missing)`);
  const people = (merged.people as KbPerson[]).map(({ descriptionSource: _none, ...person }) => person);
  const same = (await citedAsStored(people, before)) && sameSpeakers(before, merged.speakers);
  return { worker, ...(!same && { remerged: { people, speakers: merged.speakers } }) };
}

/** Whether `hashes` names exactly the articles of `kb`. */
export function sameIds(kb: KnowledgeBase, hashes: ReadonlyMap<string, string>): boolean {
  return kb.articles.length === hashes.size && kb.articles.every((a) => hashes.has(a.id));
}

/**
 * Gives each merged person the citation of the stored person they are: a citation depends only on the description,
 * the mentions and the texts, and the stored one was made from the stored texts (by the write that last changed the
 * person or an article they appear in). Those the store does not hold (a merge unlike the stored one's) are cited
 * through the stored texts. Whether every person is the stored one at the same position.
 */
async function citedAsStored(people: KbPerson[], before: KnowledgeBase): Promise<boolean> {
  const unmatched: KbPerson[] = [];
  people.forEach((p, i) => {
    const stored = before.people[i];
    if (stored && samePerson(p, stored)) citedAs(p, stored);
    else unmatched.push(p);
  });
  const same = unmatched.length === 0 && people.length === before.people.length;
  if (unmatched.length === 0) return same;
  const storedByKey = new Map(before.people.map((p) => [personKey(p), p]));
  const uncited = unmatched.filter((p) => {
    const stored = storedByKey.get(personKey(p));
    if (stored) citedAs(p, stored);
    return !stored;
  });
  await citeDescriptions(uncited, (ids) => readArticleTexts(before, ids));
  return same;
}

function citedAs(person: KbPerson, stored: KbPerson): void {
  if (stored.descriptionSource) person.descriptionSource = stored.descriptionSource;
}

/** What a person's citation is made from (everything samePerson compares). */
const personKey = (p: KbPerson): string => JSON.stringify([p.name, p.description, p.aliases, p.articles, p.mentions]);

/** Whether every stored quote's and fragment's speaker is the name `speakers` gives it (by article: quotes, then fragments). */
function sameSpeakers(kb: KnowledgeBase, speakers: PeopleDelta["speakers"]): boolean {
  const held = new Map<string, (string | null)[]>();
  for (const q of [...kb.quotes, ...kb.fragments]) (held.get(q.article) ?? (held.set(q.article, []).get(q.article) as (string | null)[])).push(q.speaker);
  return speakers.every(([article, names]) => {
    const now = held.get(article) ?? [];
    return now.length === names.length && now.every((name, i) => name === names[i]);
  });
}

/** Whether two people are the same but for their citation (which citedAsStored takes from the stored one). */
function samePerson(a: KbPerson, b: KbPerson): boolean {
  const sameList = <T>(x: readonly T[], y: readonly T[], eq: (p: T, q: T) => boolean = (p, q) => p === q) => x.length === y.length && x.every((v, i) => eq(v, y[i] as T));
  const sameRef = (x: { article: string; sentence: number } | undefined, y: { article: string; sentence: number } | undefined) => x?.article === y?.article && x?.sentence === y?.sentence;
  return (
    a.name === b.name &&
    a.description === b.description &&
    sameList(a.aliases, b.aliases) &&
    sameList(a.articles, b.articles) &&
    sameList(a.mentions, b.mentions, sameRef)
  );
}

