-- BM25's document frequencies per field of the events and quotes indexes, kept by the knowledge-base writer with the
-- other counts (src/search/postgres/documents.ts): with them the PostgreSQL engine scores a document exactly as over
-- the whole corpus without fetching every document that holds a common word (src/search/postgres/scope.ts).
-- `quotes` counts quotes as the quote weights split them (tokenize); `quote_docs` as the quotes index does.
ALTER TABLE kb_term
  ADD COLUMN quote_docs integer NOT NULL DEFAULT 0,
  ADD COLUMN event_text_docs integer NOT NULL DEFAULT 0,
  ADD COLUMN event_context_docs integer NOT NULL DEFAULT 0;

-- A knowledge base written before this migration: the same counts from the stored rows (each row's `terms` are its
-- distinct index terms; an event's text is its sentence, its context the next sentence of the same paragraph).
INSERT INTO kb_term (term, quote_docs)
  SELECT word, ndoc FROM ts_stat('SELECT terms FROM kb_quote')
  ON CONFLICT (term) DO UPDATE SET quote_docs = EXCLUDED.quote_docs;
INSERT INTO kb_term (term, event_text_docs)
  SELECT word, ndoc FROM ts_stat('SELECT s.terms FROM kb_event e JOIN kb_sentence s ON s.article = e.article AND s.index = e.sentence')
  ON CONFLICT (term) DO UPDATE SET event_text_docs = EXCLUDED.event_text_docs;
INSERT INTO kb_term (term, event_context_docs)
  SELECT word, ndoc FROM ts_stat('SELECT n.terms FROM kb_event e JOIN kb_sentence s ON s.article = e.article AND s.index = e.sentence
    JOIN kb_sentence n ON n.article = e.article AND n.index = e.sentence + 1 AND n.paragraph = s.paragraph')
  ON CONFLICT (term) DO UPDATE SET event_context_docs = EXCLUDED.event_context_docs;

-- Typo tolerance looks for the stored terms within an edit or two of a word (src/search/postgres/scope.ts): with
-- levenshtein_less_equal the server compares them, instead of sending every term of about the word's length.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
