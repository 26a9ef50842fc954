// The stored people read back with their articles and mentions as integers: each mention was a JSON pair (an array
// and a string of its own) and each article a string of its own, some 160,000 of them at 50,000 articles, all garbage
// once read into the knowledge base's objects and a good part of a start's peak. The server numbers the articles and
// sends their ids once; each article is one string for every person.
import type pg from "pg";
import type { KbPerson } from "../../kb/types.ts";
import { commaSeparatedIntegers, inReadSnapshot } from "./packedRows.ts";

// The stored articles, numbered (from 0) in one order that both statements below give them.
const NUMBERED = "SELECT id, (row_number() OVER (ORDER BY id))::int - 1 AS n FROM kb_article";

interface PersonRow {
  position: number;
  name: string;
  description: string;
  source: KbPerson["descriptionSource"] | null;
  aliases: string[];
  /** The article numbers, comma-separated; -1 for an article the database does not hold. */
  articles: string | null;
  /** Article number and sentence of each mention, comma-separated. */
  mentions: string | null;
}

/**
 * The stored people in their order; every article id they hold is `idOf` of the id read (one string per article in
 * the process). A person naming an article the database does not hold is read as stored.
 */
export async function readStoredPeople(client: pg.PoolClient, idOf: (id: string) => string): Promise<KbPerson[]> {
  return inReadSnapshot(client, () => readPeople(client, idOf));
}

async function readPeople(client: pg.PoolClient, idOf: (id: string) => string): Promise<KbPerson[]> {
  const ids = ((await client.query<{ ids: string[] | null }>(`SELECT json_agg(id ORDER BY n) AS ids FROM (${NUMBERED}) a`)).rows[0]?.ids ?? []).map(idOf);
  // Every article and mention of every person joined with the numbered articles at once (hash joins).
  const { rows } = await client.query<PersonRow>(
    `WITH a AS NOT MATERIALIZED (${NUMBERED}),
     arts AS (SELECT p.position, string_agg(coalesce(a.n, -1)::text, ',' ORDER BY u.o) AS numbers
       FROM kb_person p CROSS JOIN LATERAL unnest(p.articles) WITH ORDINALITY u(id, o) LEFT JOIN a ON a.id = u.id GROUP BY p.position),
     ments AS (SELECT p.position, string_agg(concat_ws(',', coalesce(a.n, -1), m.v->>1), ',' ORDER BY m.o) AS numbers
       FROM kb_person p CROSS JOIN LATERAL jsonb_array_elements(p.mentions) WITH ORDINALITY m(v, o) LEFT JOIN a ON a.id = m.v->>0 GROUP BY p.position)
     SELECT p.position, p.name, p.description, p.description_source AS source, p.aliases, arts.numbers AS articles, ments.numbers AS mentions
     FROM kb_person p LEFT JOIN arts USING (position) LEFT JOIN ments USING (position) ORDER BY p.position`,
  );
  // "" for an article the database does not hold (an id is a file's name, never empty).
  const article = (n: number): string => ids[n] ?? "";
  const people: KbPerson[] = [];
  const strays: { at: number; position: number }[] = [];
  for (const [at, r] of rows.entries()) {
    const articles = r.articles === null ? [] : Array.from(commaSeparatedIntegers(r.articles, 1), article);
    const numbers = r.mentions === null ? new Int32Array(0) : commaSeparatedIntegers(r.mentions, 2);
    const mentions: KbPerson["mentions"] = [];
    for (let k = 0; k < numbers.length; k += 2) mentions.push({ article: article(numbers[k] as number), sentence: numbers[k + 1] as number });
    if (articles.includes("") || mentions.some((m) => m.article === "")) strays.push({ at, position: r.position });
    people.push({
      name: r.name,
      description: r.description,
      ...(r.source && { descriptionSource: { article: idOf(r.source.article), sentence: r.source.sentence } }),
      aliases: r.aliases,
      articles,
      mentions,
    });
  }
  rows.length = 0;
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
