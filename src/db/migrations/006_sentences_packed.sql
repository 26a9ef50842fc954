-- Each article's sentences packed in the article's own row, in the form a process reads them in at start
-- (src/search/postgres/storedSentences.ts): their integers as one comma-separated string (stable id, index,
-- paragraph, start, end, the text's length in UTF-8 bytes, per sentence in order) and their texts joined. Grouping
-- every sentence row by article at each start was most of a shard's wait for its knowledge base: at 50,000 articles
-- (421,000 sentences) the server took 3.5 s for the integers and as long again for the texts under load; these are
-- read from the 50,000 article rows.
ALTER TABLE kb_article ADD COLUMN sentence_numbers text, ADD COLUMN sentence_text text;

-- The packed sentences of the articles `articles`, from their stored rows: the writer stores them for each article
-- it writes, after its sentences (whose stable ids the server gives), and this migration for a knowledge base written
-- before, so the two agree by construction. An article without sentences packs to two empty strings.
CREATE FUNCTION kb_sentences_packed(articles text[]) RETURNS TABLE (article text, numbers text, text text)
LANGUAGE sql STABLE AS $$
  SELECT a.id,
    coalesce(string_agg(concat_ws(',', s.id, s.index, s.paragraph, s.start_offset, s.end_offset, octet_length(convert_to(s.text, 'UTF8'))), ',' ORDER BY s.index), ''),
    coalesce(string_agg(s.text, '' ORDER BY s.index), '')
  FROM (SELECT DISTINCT unnest(articles) AS id) a LEFT JOIN kb_sentence s ON s.article = a.id
  GROUP BY a.id
$$;

-- A knowledge base written before this migration: its articles' sentences packed from the stored rows.
UPDATE kb_article a SET sentence_numbers = p.numbers, sentence_text = p.text
FROM kb_sentences_packed(ARRAY(SELECT id FROM kb_article)) p WHERE p.article = a.id;
