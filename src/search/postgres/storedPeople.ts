// The stored people read back with their articles and mentions as integers: each mention was a JSON pair (an array
// and a string of its own) and each article a string of its own, some 160,000 of them at 50,000 articles, all garbage
// once read into the knowledge base's objects and a good part of a start's peak. The server names each article by its
// place in the list the reader gives (the articles it read), so every article id the people hold is that one string.
import type pg from "pg";
import type { KbPerson } from "../../kb/types.ts";
import { commaSeparatedIntegers } from "./packedRows.ts";

interface PersonRow {
  position: number;
  name: string;
  description: string;
  source: KbPerson["descriptionSource"] | null;
  aliases: string[];
  /** The article numbers, comma-separated; -1 for an article not in the list given. */
  articles: string | null;
  /** Article number and sentence of each mention, comma-separated. */
  mentions: string | null;
}

/**
 * The stored people in their order, their articles and mentions naming the article ids given (`articleIds`, each
 * string kept as it is; `idOf` gives the one string of an article id read otherwise). A person naming an article not
 * among them (written after the articles were read) is read as stored: the reader reads again when a write came in
 * between.
 */
export async function readStoredPeople(client: pg.PoolClient, articleIds: readonly string[], idOf: (id: string) => string): Promise<KbPerson[]> {
  const { rows } = await client.query<PersonRow>(
    `WITH a AS (SELECT id, n::int - 1 AS n FROM unnest($1::text[]) WITH ORDINALITY AS a(id, n))
     SELECT p.position, p.name, p.description, p.description_source AS source, p.aliases,
       (SELECT string_agg(coalesce(a.n, -1)::text, ',' ORDER BY u.o) FROM unnest(p.articles) WITH ORDINALITY u(id, o) LEFT JOIN a ON a.id = u.id) AS articles,
       (SELECT string_agg(concat_ws(',', coalesce(a.n, -1), m.v->>1), ',' ORDER BY m.o) FROM jsonb_array_elements(p.mentions) WITH ORDINALITY m(v, o) LEFT JOIN a ON a.id = m.v->>0) AS mentions
     FROM kb_person p ORDER BY p.position`,
    [articleIds],
  );
  // "" for an article not among those given (an id is a file's name, never empty).
  const article = (n: number): string => articleIds[n] ?? "";
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
