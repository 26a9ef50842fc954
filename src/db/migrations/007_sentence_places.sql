-- Each article's sentence integers as bytes (migration 006 kept them as comma-separated text), 4-byte big-endian
-- integers (int4send), in two columns: the sentences' stable ids, which a shard's first stage reads, and their places
-- (paragraph, start, end, the text's length in UTF-8 bytes, four per sentence in order), which its second stage reads
-- (src/search/postgres/storedSentences.ts). Parsing 2.5 million integers out of text at 50,000 articles took a first
-- stage 0.39 s of CPU; as bytes they are one buffer read as a table of integers.
ALTER TABLE kb_article ADD COLUMN sentence_ids bytea, ADD COLUMN sentence_places bytea;

-- A knowledge base written before: both from the text of migration 006 (id, index, paragraph, start, end, length).
UPDATE kb_article SET
  sentence_ids = coalesce((SELECT string_agg(int4send(n::int), ''::bytea ORDER BY o)
    FROM unnest(string_to_array(sentence_numbers, ',')) WITH ORDINALITY u(n, o) WHERE o % 6 = 1), ''::bytea),
  sentence_places = coalesce((SELECT string_agg(int4send(n::int), ''::bytea ORDER BY o)
    FROM unnest(string_to_array(sentence_numbers, ',')) WITH ORDINALITY u(n, o) WHERE o % 6 NOT IN (1, 2)), ''::bytea);

ALTER TABLE kb_article DROP COLUMN sentence_numbers;

-- The packed sentences of the articles `articles`, from their stored rows: the writer stores them for each article
-- it writes, after its sentences (whose stable ids the server gives). An article without sentences packs to empty.
DROP FUNCTION kb_sentences_packed(text[]);
CREATE FUNCTION kb_sentences_packed(articles text[]) RETURNS TABLE (article text, ids bytea, places bytea, text text)
LANGUAGE sql STABLE AS $$
  SELECT a.id,
    coalesce(string_agg(int4send(s.id), ''::bytea ORDER BY s.index), ''::bytea),
    coalesce(string_agg(int4send(s.paragraph) || int4send(s.start_offset) || int4send(s.end_offset)
      || int4send(octet_length(convert_to(s.text, 'UTF8'))), ''::bytea ORDER BY s.index), ''::bytea),
    coalesce(string_agg(s.text, '' ORDER BY s.index), '')
  FROM (SELECT DISTINCT unnest(articles) AS id) a LEFT JOIN kb_sentence s ON s.article = a.id
  GROUP BY a.id
$$;
