// What the announcement record's writes do to it, apart from how it is stored: record.ts makes each of them one change
// (one atomic write of the JSON file, one transaction in PostgreSQL), and these say what that change is. Each changes
// the stored record given in place.
import { isDeepStrictEqual } from "node:util";
import type { APIEmbed } from "discord.js";
import { POSTED_KEPT, type MessageUpdate, type QueuedMessage, type StoredRecord } from "./recordShape.ts";

/** Forgets the oldest entries of `map` (in insertion order) past the last POSTED_KEPT. */
function keepLatest(map: Record<string, unknown>): void {
  const ids = Object.keys(map);
  for (const old of ids.slice(0, Math.max(0, ids.length - POSTED_KEPT))) delete map[old];
}

/**
 * Marks articles announced (at `at`, ISO), queues their messages, updates the queued messages they join, records which
 * are copies of which story. Returns the messages queued: not those announcing an article already announced (by
 * another process, a leader that had not yet stepped down), which are not queued again.
 */
export function addAnnouncements(
  state: StoredRecord,
  change: { articleIds: string[]; queued: QueuedMessage[]; at: string; summaries: MessageUpdate[]; copies: { id: string; of: string }[] },
): QueuedMessage[] {
  const already = new Set(change.articleIds.filter((id) => Object.hasOwn(state.announced, id)));
  for (const id of change.articleIds) if (!already.has(id)) state.announced[id] = change.at;
  const copyOf = (state.copies ??= {});
  for (const c of change.copies) copyOf[c.id] = c.of;
  keepLatest(copyOf);
  for (const update of change.summaries) {
    const m = state.queue.find((q) => q.id === update.id);
    if (m) Object.assign(m, update);
  }
  const kept = change.queued.filter((m) => !(m.article !== undefined && already.has(m.article) && m.edit === undefined));
  state.queue.push(...kept);
  return kept;
}

/**
 * Message `id` out of the queue: sent (as message `posted`, whose embed was `sent`), or refused for good. When an update
 * changed it while it was being sent, it is replaced by an edit of the posted message (id `editId`), so what joined it
 * is not lost. The message announcing an article is remembered, for the last POSTED_KEPT articles.
 */
export function removeMessage(state: StoredRecord, id: string, editId: string, posted?: string, sent?: APIEmbed): void {
  const m = state.queue.find((q) => q.id === id);
  const changed = m && posted && sent && !isDeepStrictEqual(m.embed, sent) && !m.edit;
  state.queue = state.queue.flatMap((q) => {
    if (q.id !== id) return [q];
    if (!changed) return [];
    return [{ id: editId, channel: q.channel, label: q.label, embed: q.embed, edit: posted, attempts: 0, nextAt: Date.now() }];
  });
  if (m?.article && posted && !m.edit) {
    const all = (state.posted ??= {});
    all[m.article] = { ...all[m.article], [m.channel]: posted };
    keepLatest(all);
  }
}

/** The copies of `story` recorded so far, in the order they came. */
export function copiesIn(state: StoredRecord, story: string): string[] {
  return Object.entries(state.copies ?? {}).flatMap(([id, of]) => (of === story ? [id] : []));
}

/** The stories announced, oldest first: the announced articles that are not copies. */
export function storiesIn(state: StoredRecord): string[] {
  const copies = state.copies ?? {};
  return Object.entries(state.announced)
    .filter(([id]) => !Object.hasOwn(copies, id))
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([id]) => id);
}
