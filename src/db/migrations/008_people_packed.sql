-- The people as a shard's first stage reads them: a scan, not a join. Each article gets a stable number (kept when
-- the writer writes the article again: kbStore.ts), and each person their articles and mentions as those numbers,
-- packed as bytes (int4send, big-endian): `article_numbers` one integer per article, `mention_numbers` two per
-- mention (article number, sentence), in the order of `articles` and `mentions`. The first stage read them through a
-- server join that numbered the 50,000 articles and looked up 160,000 ids: its longest query, 0.5-0.9 s under load.
-- The old columns stay: what other readers take, and what an article the database does not hold reads as (-1).
CREATE SEQUENCE kb_article_number AS integer;
ALTER TABLE kb_article ADD COLUMN number integer;
-- A knowledge base written before: numbered in the order of its ids.
UPDATE kb_article a SET number = n.number
  FROM (SELECT id, nextval('kb_article_number')::int AS number FROM (SELECT id FROM kb_article ORDER BY id) o) n WHERE n.id = a.id;
ALTER TABLE kb_article ALTER COLUMN number SET DEFAULT nextval('kb_article_number'), ALTER COLUMN number SET NOT NULL,
  ADD CONSTRAINT kb_article_number_unique UNIQUE (number);
ALTER SEQUENCE kb_article_number OWNED BY kb_article.number;

ALTER TABLE kb_person ADD COLUMN article_numbers bytea, ADD COLUMN mention_numbers bytea;

-- The packed articles and mentions of the people at `positions`, from their stored columns: the writer stores them
-- for each person it writes, after the articles. An article the database does not hold packs as -1.
CREATE FUNCTION kb_people_packed(positions integer[]) RETURNS TABLE (person integer, articles bytea, mentions bytea)
LANGUAGE sql STABLE AS $$
  SELECT p.position,
    coalesce((SELECT string_agg(int4send(coalesce(a.number, -1)), ''::bytea ORDER BY u.o)
      FROM unnest(p.articles) WITH ORDINALITY u(id, o) LEFT JOIN kb_article a ON a.id = u.id), ''::bytea),
    coalesce((SELECT string_agg(int4send(coalesce(a.number, -1)) || int4send((m.v->>1)::int), ''::bytea ORDER BY m.o)
      FROM jsonb_array_elements(p.mentions) WITH ORDINALITY m(v, o) LEFT JOIN kb_article a ON a.id = m.v->>0), ''::bytea)
  FROM kb_person p WHERE p.position = ANY(positions)
$$;

UPDATE kb_person p SET article_numbers = k.articles, mention_numbers = k.mentions
  FROM kb_people_packed(ARRAY(SELECT position FROM kb_person)) k WHERE k.person = p.position;

-- The people's name index as plain data (src/answer/name-index.ts SavedNames), written by the writer in the
-- transaction that writes the people it is built from, with the knowledge base's version after that write
-- (src/search/postgres/storedStages.ts storedVersion): a reader takes it only beside that version (else it builds the
-- index, as before; a knowledge base not written since this migration has none). Built at a shard's start, it was
-- some 0.2-0.3 s of CPU at 50,000 articles.
CREATE TABLE kb_name_index (version text NOT NULL, names json NOT NULL);
