// The stored people read back in one scan of kb_person: their articles and mentions as the articles' stable numbers,
// packed as bytes by the writer (migration 008), all people's joined into one value by the server and read as one
// table of integers. Each mention was a JSON pair (an array and a string of its own) and each article a string of its
// own, some 160,000 of them at 50,000 articles, all garbage once read into the knowledge base's objects; then the
// server numbered the articles in a join, the first stage's longest query (0.5-0.9 s under load).
import type pg from "pg";
import type { KbPerson } from "../../kb/types.ts";
import { inReadSnapshot } from "./packedRows.ts";
import { integersOf } from "./joinedColumns.ts";

/** The stored articles' ids by their numbers (kb_article.number); a number no stored article has is a hole. */
export type ArticleNumbers = readonly (string | undefined)[];

/**
 * A person as read: position, name, description, its source, aliases, then the bytes of its articles and mentions (-1:
 * not packed), then its source article's number (null: none, or not stored).
 */
type PersonRow = [number, string, string, { article: string; sentence: number } | null, string[], number, number, number | null];

/**
 * The stored people in their order; every article id they hold is `idOf` of the id read (one string per article in
 * the process). `numbered`: the stored articles' ids by number, in the state read (read here if not given). A person
 * naming an article the database does not hold (or not packed) is read as stored.
 */
export async function readStoredPeople(client: pg.PoolClient, idOf: (id: string) => string, numbered?: Promise<ArticleNumbers>): Promise<KbPerson[]> {
  return inReadSnapshot(client, async () => {
    const { rows } = await client.query<{ people: PersonRow[] | null; articles: Buffer | null; mentions: Buffer | null }>(
      `SELECT json_agg(json_build_array(position, name, description, description_source, aliases,
          coalesce(length(article_numbers), -1), coalesce(length(mention_numbers), -1),
          (SELECT number FROM kb_article a WHERE a.id = description_source->>'article')) ORDER BY position) AS people,
        string_agg(article_numbers, ''::bytea ORDER BY position) AS articles, string_agg(mention_numbers, ''::bytea ORDER BY position) AS mentions
       FROM kb_person`,
    );
    const ids = await (numbered ?? readNumbers(client, idOf));
    return peopleOf(rows[0] ?? { people: null, articles: null, mentions: null }, ids, idOf, client);
  });
}

/** The stored articles' ids by number, each `idOf` the id read. */
async function readNumbers(client: pg.PoolClient, idOf: (id: string) => string): Promise<ArticleNumbers> {
  const { rows } = await client.query<{ numbered: [number, string][] | null }>("SELECT json_agg(json_build_array(number, id)) AS numbered FROM kb_article");
  const ids: (string | undefined)[] = [];
  for (const [number, id] of rows[0]?.numbered ?? []) ids[number] = idOf(id);
  return ids;
}

async function peopleOf(
  row: { people: PersonRow[] | null; articles: Buffer | null; mentions: Buffer | null },
  ids: ArticleNumbers,
  idOf: (id: string) => string,
  client: pg.PoolClient,
): Promise<KbPerson[]> {
  const articleNumbers = integersOf(row.articles ?? Buffer.alloc(0));
  const mentionNumbers = integersOf(row.mentions ?? Buffer.alloc(0));
  const people: KbPerson[] = [];
  const strays: { at: number; position: number }[] = [];
  let [a, m] = [0, 0];
  for (const [position, name, description, source, aliases, articleBytes, mentionBytes, sourceNumber] of row.people ?? []) {
    let stray = articleBytes < 0 || mentionBytes < 0;
    const articles: string[] = [];
    for (const end = a + Math.max(articleBytes, 0) / 4; a < end; a++) {
      const id = ids[articleNumbers[a] as number];
      if (id === undefined) stray = true;
      else articles.push(id);
    }
    const mentions: KbPerson["mentions"] = [];
    for (const end = m + Math.max(mentionBytes, 0) / 4; m < end; m += 2) {
      const id = ids[mentionNumbers[m] as number];
      if (id === undefined) stray = true;
      else mentions.push({ article: id, sentence: mentionNumbers[m + 1] as number });
    }
    if (stray) strays.push({ at: people.length, position });
    // The source's article by its number as the articles' are (the first stage's articles are not in idOf's strings).
    const sourceId = source && ((sourceNumber !== null ? ids[sourceNumber] : undefined) ?? idOf(source.article));
    people.push({ name, description, ...(source && { descriptionSource: { article: sourceId as string, sentence: source.sentence } }), aliases, articles, mentions });
  }
  if (a !== articleNumbers.length || m !== mentionNumbers.length) throw new Error(`kb store: the people's packed articles and mentions hold ${articleNumbers.length} and ${mentionNumbers.length} integers, their sizes say ${a} and ${m}`);
  if (strays.length > 0) await readAsStored(client, people, strays, idOf);
  return people;
}

/** The articles and mentions of these people as stored (an article id read for each). */
async function readAsStored(client: pg.PoolClient, people: KbPerson[], strays: { at: number; position: number }[], idOf: (id: string) => string): Promise<void> {
  const { rows } = await client.query<{ position: number; articles: string[]; mentions: [string, number][] }>("SELECT position, articles, mentions FROM kb_person WHERE position = ANY($1)", [strays.map((s) => s.position)]);
  const byPosition = new Map(rows.map((r) => [r.position, r]));
  for (const { at, position } of strays) {
    const person = people[at];
    const row = byPosition.get(position);
    if (!person || !row) continue;
    person.articles = row.articles.map(idOf);
    person.mentions = row.mentions.map(([article, sentence]) => ({ article: idOf(article), sentence }));
  }
}
