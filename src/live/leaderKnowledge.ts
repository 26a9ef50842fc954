// What the leader's corpus writer (corpusWriter.ts) remembers between writes, so that a write is proportional to the
// change and not to the corpus: the stored articles' hashes and every article's people as the people merge takes them
// (PeopleMerge, src/kb/incremental.ts, as the embedded live corpus does). A new article is extracted alone, the merge
// says which people changed, the next knowledge base is made from the one the process holds (the stored one, as
// every shard reads it), and only the changed people and speakers are written with the article.
// The memory is read from the database when the process starts to lead (the people of every stored article, not the
// facts cache: a new leader on another machine extracts nothing it did not change) and dropped after any failure, so
// that the next write reads it again instead of building on a knowledge base that may not be the stored one.
import type pg from "pg";
import type { Article } from "../corpus/types.ts";
import type { ArticleFacts } from "../extract/types.ts";
import { citeDescription, kbArticle } from "../kb/build.ts";
import { articlePeople, nextKnowledgeBase, PeopleMerge, type ArticlePeople, type PeopleDelta } from "../kb/incremental.ts";
import type { KbArticle, KbPerson, KnowledgeBase } from "../kb/types.ts";
import type { ExtractedCorpus } from "../pipeline/extractAll.ts";
import { storedArticlePeople, type WriteScope } from "../search/postgres/kbStore.ts";
import { runAtOnce } from "../util/slices.ts";

/** A write worked out: the knowledge base after it, the facts of the articles it writes, and what it touches. */
export interface PlannedWrite {
  kb: KnowledgeBase;
  facts: Map<string, ArticleFacts>;
  /** Every article's hash in `kb`. */
  hashes: Map<string, string>;
  scope: WriteScope;
  extracted: number;
}

interface Memory {
  merge: PeopleMerge;
  hashes: Map<string, string>;
  /**
   * When the stored people or speakers are not what this code's merge makes of the stored articles (an older merge
   * wrote them): the merge's people and every article's speakers, which the next write writes whole.
   */
  remerged?: { people: KbPerson[]; speakers: PeopleDelta["speakers"] };
}

export class LeaderKnowledge {
  private memory: Memory | undefined;

  constructor(private readonly pool: pg.Pool) {}

  /** Whether the stored people and hashes are known (else the next plan reads them). */
  get remembers(): boolean {
    return this.memory !== undefined;
  }

  /** Forgets everything: the next write reads the stored people again (after a failure, or when leading ends). */
  forget(): void {
    this.memory = undefined;
  }

  /**
   * Works out the write that makes the stored knowledge base `folder`'s: `before` is the stored knowledge base as this
   * process holds it, `extract` gives the facts of the articles new or changed. Undefined when nothing changed.
   */
  async plan(before: KnowledgeBase, folder: readonly Article[], extract: (changed: Article[]) => Promise<ExtractedCorpus>): Promise<PlannedWrite | undefined> {
    const memory = await this.remember(before);
    const changed = folder.filter((a) => memory.hashes.get(a.id) !== a.hash);
    const extracted = await extract(changed);
    const fresh = new Map(extracted.articles.map((a, i) => [a.id, extracted.facts[i] as ArticleFacts]));
    // An article whose extraction failed is not in the knowledge base (as a build leaves it out).
    const kept = folder.filter((a) => fresh.has(a.id) || memory.hashes.get(a.id) === a.hash);
    const keptIds = new Set(kept.map((a) => a.id));
    const removed = [...memory.hashes.keys()].filter((id) => !keptIds.has(id));
    if (fresh.size === 0 && removed.length === 0) return undefined;
    const held = new Map(before.articles.map((a) => [a.id, a]));
    const articles = kept.map((a): KbArticle => {
      const facts = fresh.get(a.id);
      const article = facts ? kbArticle(a, facts) : held.get(a.id);
      if (!article) throw new Error(`leader knowledge: article "${a.id}" is stored but not in the knowledge base held`);
      return article;
    });
    const base = memory.remerged ? { ...before, people: memory.remerged.people } : before;
    let delta = memory.merge.update(
      kept.map((a) => a.id),
      [...fresh.values()].map(articlePeople),
      removed,
    );
    // Every article's speakers renamed as the merge names them, not only those the change renamed.
    if (memory.remerged) delta = { ...delta, speakers: [...new Map([...memory.remerged.speakers, ...delta.speakers])] };
    const kb = runAtOnce(nextKnowledgeBase(base, articles, fresh, delta));
    // A person kept as they were is the same object as before, at the same position when nobody moved.
    const people = memory.remerged ? kb.people.map((_, i) => i) : kb.people.flatMap((p, i) => (p === before.people[i] ? [] : [i]));
    const speakers = delta.speakers.map(([article]) => article);
    return {
      kb,
      facts: fresh,
      hashes: new Map(kept.map((a) => [a.id, a.hash])),
      scope: { expected: memory.hashes, people, speakers },
      extracted: extracted.extracted,
    };
  }

  /** The plan was written: it is what the database holds now. */
  written(plan: PlannedWrite): void {
    if (!this.memory) return;
    this.memory.hashes = plan.hashes;
    delete this.memory.remerged;
  }

  /** The memory, read from the database when there is none; `before` must be the stored knowledge base. */
  private async remember(before: KnowledgeBase): Promise<Memory> {
    const known = this.memory?.hashes;
    if (this.memory && known?.size === before.articles.length && before.articles.every((a) => known.has(a.id))) return this.memory;
    const stored = await storedArticlePeople(this.pool);
    const order = before.articles.map((a) => a.id);
    if (order.length !== stored.hashes.size || order.some((id) => !stored.hashes.has(id)))
      throw new Error("leader knowledge: the knowledge base held is not the stored one (it is read again at the next write)");
    const merge = new PeopleMerge();
    const merged = merge.update(
      order,
      order.map((id) => stored.people.get(id) as ArticlePeople),
    );
    const byId = new Map(before.articles.map((a) => [a.id, a]));
    const people = (merged.people as KbPerson[]).map((p) => {
      const { descriptionSource: _none, ...person } = p;
      citeDescription(person, byId);
      return person;
    });
    const same = people.length === before.people.length && people.every((p, i) => samePerson(p, before.people[i] as KbPerson)) && sameSpeakers(before, merged.speakers);
    this.memory = { merge, hashes: stored.hashes, ...(!same && { remerged: { people, speakers: merged.speakers } }) };
    return this.memory;
  }
}

/** Whether every stored quote's and fragment's speaker is the name `speakers` gives it (by article: quotes, then fragments). */
function sameSpeakers(kb: KnowledgeBase, speakers: PeopleDelta["speakers"]): boolean {
  const held = new Map<string, (string | null)[]>();
  for (const q of [...kb.quotes, ...kb.fragments]) (held.get(q.article) ?? (held.set(q.article, []).get(q.article) as (string | null)[])).push(q.speaker);
  return speakers.every(([article, names]) => {
    const now = held.get(article) ?? [];
    return now.length === names.length && now.every((name, i) => name === names[i]);
  });
}

function samePerson(a: KbPerson, b: KbPerson): boolean {
  const sameList = <T>(x: readonly T[], y: readonly T[], eq: (p: T, q: T) => boolean = (p, q) => p === q) => x.length === y.length && x.every((v, i) => eq(v, y[i] as T));
  const sameRef = (x: { article: string; sentence: number } | undefined, y: { article: string; sentence: number } | undefined) => x?.article === y?.article && x?.sentence === y?.sentence;
  return (
    a.name === b.name &&
    a.description === b.description &&
    sameRef(a.descriptionSource, b.descriptionSource) &&
    sameList(a.aliases, b.aliases) &&
    sameList(a.articles, b.articles) &&
    sameList(a.mentions, b.mentions, sameRef)
  );
}
