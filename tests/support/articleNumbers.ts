// The tables of the knowledge base with the articles' numbers (migration 008) read as the articles they stand for:
// two writes of one corpus number its articles apart (a write numbers the articles it inserts in its order).
import type pg from "pg";

/** The tables (as read) with kb_article.number dropped and kb_person's packed numbers as ids. */
export function withArticleIds(read: Record<string, unknown[]>): Record<string, unknown[]> {
  const tables = read as Record<string, Record<string, unknown>[]>;
  const ids = new Map((tables.kb_article ?? []).map((r) => [r.number as number, r.id as string]));
  const idsOf = (bytes: unknown, width: number): unknown[] => {
    if (!Buffer.isBuffer(bytes)) return [bytes];
    const out: unknown[] = [];
    for (let at = 0; at < bytes.length; at += 4 * width) {
      const number = bytes.readInt32BE(at);
      out.push(width === 1 ? (ids.get(number) ?? number) : [ids.get(number) ?? number, bytes.readInt32BE(at + 4)]);
    }
    return out;
  };
  return {
    ...tables,
    ...(tables.kb_article && { kb_article: tables.kb_article.map((r) => ({ ...r, number: undefined })) }),
    ...(tables.kb_person && {
      kb_person: tables.kb_person.map((r) => ({ ...r, article_numbers: idsOf(r.article_numbers, 1), mention_numbers: idsOf(r.mention_numbers, 2) })),
    }),
  };
}

/**
 * The tables (as read) with kb_article.event_numbers (migration 010) as each event's sentence, date and date text:
 * two writes of one corpus number the events' rows, and the values of their dates, apart. With `values`, the values
 * stored (kb_event_value) are listed too, without their numbers: the leader's writes prune those no event names.
 */
export async function withEventValues(pool: pg.Pool, read: Record<string, unknown[]>, { values: listed = false } = {}): Promise<Record<string, unknown[]>> {
  const tables = read as Record<string, Record<string, unknown>[]>;
  const { rows: values } = await pool.query<{ number: number; value: string }>("SELECT number, value FROM kb_event_value ORDER BY value");
  const valueOf = new Map(values.map((r) => [r.number, r.value]));
  const events = (bytes: unknown): unknown => {
    if (!Buffer.isBuffer(bytes)) return bytes;
    const out: string[] = [];
    for (let at = 0; at < bytes.length; at += 16) out.push(`${bytes.readInt32BE(at + 4)} ${valueOf.get(bytes.readInt32BE(at + 8))} / ${valueOf.get(bytes.readInt32BE(at + 12))}`);
    return out;
  };
  return {
    ...tables,
    ...(tables.kb_article && { kb_article: tables.kb_article.map((r) => ({ ...r, event_numbers: events(r.event_numbers) })) }),
    ...(listed && { kb_event_value: values.map((r) => r.value) }),
  };
}
