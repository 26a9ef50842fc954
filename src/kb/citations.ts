// Descriptions cited through the asynchronous reader of texts (articleTexts.ts), for a knowledge base that does not
// hold its texts: the leader's, read from PostgreSQL without them as every other shard's is (some 90 MB less at 50,000
// articles, and no second read of the whole knowledge base when a follower comes to lead). The sentence cited is the
// one citeDescription (build.ts) cites: the first of the person's mentions whose text holds the description.
// A person's mentions are read in rounds, their next few articles at a time (1, then 4, 16, ...: the description is
// most often in the first article a person appears in), every person's articles of a round in one read, at most
// `batch` articles per read (a new merge of every stored person reads the whole corpus, but never holds it all at once).
import type { ArticleSentences } from "./articleTexts.ts";
import type { KbPerson, SentenceRef } from "./types.ts";

/** The sentences' texts of these articles (an id of no article: none), as readArticleTexts gives them. */
export type ReadTexts = (articleIds: string[]) => Promise<ArticleSentences>;

export interface CiteOptions {
  /** Articles read at once, at most (default 2,000: some 10 MB of text from the bench corpus). */
  batch?: number;
}
/** Articles of one person a round reads, at most (a round reads 4 times as many as the one before). */
const MOST_PER_ROUND = 1024;

interface Uncited {
  person: KbPerson;
  wanted: string;
  /** Where the next round starts in the person's mentions. */
  next: number;
  /** Where this round ends. */
  to: number;
}

/** Cites the description of every person of `people` not cited yet, as citeDescription does, reading texts through `read`. */
export async function citeDescriptions(people: Iterable<KbPerson>, read: ReadTexts, { batch = 2000 }: CiteOptions = {}): Promise<void> {
  if (!(batch >= 1)) throw new Error(`citations: batch must be 1 or more, not ${batch}`);
  let pending: Uncited[] = [];
  for (const person of people) {
    if (person.description && !person.descriptionSource) pending.push({ person, wanted: person.description.toLowerCase(), next: 0, to: 0 });
  }
  for (let span = 1; pending.length > 0; span = Math.min(span * 4, MOST_PER_ROUND, batch)) {
    let group: Uncited[] = [];
    let ids = new Set<string>();
    for (const uncited of pending) {
      const articles = roundOf(uncited, span);
      if (group.length > 0 && ids.size + articles.size > batch) {
        citeFrom(group, await read([...ids]));
        [group, ids] = [[], new Set()];
      }
      group.push(uncited);
      for (const id of articles) ids.add(id);
    }
    if (group.length > 0) citeFrom(group, await read([...ids]));
    pending = pending.filter((u) => !u.person.descriptionSource && u.next < u.person.mentions.length);
  }
}

/** Sets `uncited.to` past the mentions of its next `span` articles; their articles. */
function roundOf(uncited: Uncited, span: number): Set<string> {
  const { mentions } = uncited.person;
  const articles = new Set<string>();
  let at = uncited.next;
  for (; at < mentions.length; at++) {
    const article = (mentions[at] as SentenceRef).article;
    if (!articles.has(article) && articles.size === span) break;
    articles.add(article);
  }
  uncited.to = at;
  return articles;
}

/** Cites each person of `group` whose mentions of this round hold their description (the first such mention). */
function citeFrom(group: readonly Uncited[], texts: ArticleSentences): void {
  for (const uncited of group) {
    const { mentions } = uncited.person;
    for (let i = uncited.next; i < uncited.to; i++) {
      const m = mentions[i] as SentenceRef;
      if (texts.get(m.article)?.[m.sentence]?.toLowerCase().includes(uncited.wanted)) {
        uncited.person.descriptionSource = { article: m.article, sentence: m.sentence };
        break;
      }
    }
    uncited.next = uncited.to;
  }
}
