// What an update changed, read in slices so that a large corpus never holds the answers up: whether the articles
// differ from a snapshot's at all (liveKnowledge.ts skips an update that changes nothing), and the report of what
// a new snapshot added, changed and removed.
import type { ArticleRef, ReloadReport } from "../../commands/services.ts";
import type { Article } from "../corpus/types.ts";
import type { Snapshot } from "../pipeline/snapshot.ts";
import { eachSliced, type Sliced } from "../util/slices.ts";

/**
 * The candidates new or changed since the snapshot, and whether nothing needs rebuilding: the same articles, in the
 * same order, with the same content (a bad file touched, a no-op save).
 */
export function* changesSince(before: Snapshot, candidates: readonly Article[]): Sliced<{ same: boolean; changed: Article[] }> {
  let sameOrder = candidates.length === before.articles.length;
  const changed: Article[] = [];
  yield* eachSliced(candidates, (a, i) => {
    if (before.hashes.get(a.id) !== a.hash) changed.push(a);
    if (sameOrder && before.articles[i]?.id !== a.id) sameOrder = false;
  }, 4096);
  return { same: sameOrder && changed.length === 0, changed };
}

/** The report of what `after` added, changed and removed since `before` (no skipped files: the caller knows them). */
export function* diff(before: Snapshot, after: Snapshot, extracted: number, started: number): Sliced<ReloadReport> {
  const added: string[] = [];
  const changed: string[] = [];
  yield* eachSliced(after.hashes, ([id, hash]) => {
    const old = before.hashes.get(id);
    if (old === undefined) added.push(id);
    else if (old !== hash) changed.push(id);
  }, 4096);
  const removed: string[] = [];
  yield* eachSliced(before.hashes.keys(), (id) => !after.hashes.has(id) && removed.push(id), 4096);
  // Titles of the few articles named, not of the whole corpus.
  function* refs(s: Snapshot, ids: string[]): Sliced<ArticleRef[]> {
    if (ids.length === 0) return [];
    const wanted = new Set(ids);
    const titles = new Map<string, string>();
    yield* eachSliced(s.articles, (a) => wanted.has(a.id) && titles.set(a.id, a.meta.title), 4096);
    return ids.map((id) => ({ id, title: titles.get(id) ?? id }));
  }
  return {
    added: yield* refs(after, added),
    changed: yield* refs(after, changed),
    removed: yield* refs(before, removed),
    articles: after.articles.length,
    skipped: [],
    extracted,
    ms: Date.now() - started,
  };
}
