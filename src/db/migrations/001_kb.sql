-- The knowledge base (src/kb) when DATABASE_URL is set: each article with its extracted facts, its sentences, quotes
-- and events as rows the search engine reads (src/answer/engines/postgres), and the people merged across articles.
-- Words are stored as the answer layer's own index terms (src/answer/text.ts: tokens, stop words dropped, stems), so
-- both search engines find the same documents for the same query: `terms` columns are tsvectors built from those
-- terms (array_to_tsvector), searched through GIN indexes; names are matched by trigrams (pg_trgm).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE kb_article (
  id text PRIMARY KEY,
  -- Article.hash (its id and file bytes): an article whose hash is unchanged is not extracted or written again.
  hash text NOT NULL,
  -- The front matter (ArticleMeta: title, outlet, published, url, author).
  meta jsonb NOT NULL,
  -- The article's own people (LocalPerson[]), kept to merge the corpus's people again when an article changes.
  people jsonb NOT NULL DEFAULT '[]',
  -- What the article adds to the search statistics (src/db/kbStore.ts ArticleStats: document counts and field
  -- lengths), summed at start for the ranking's averages.
  stats jsonb NOT NULL DEFAULT '{}',
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kb_sentence (
  article text NOT NULL REFERENCES kb_article (id) ON DELETE CASCADE,
  index integer NOT NULL,
  paragraph integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  text text NOT NULL,
  terms tsvector NOT NULL,
  PRIMARY KEY (article, index)
);
CREATE INDEX kb_sentence_terms ON kb_sentence USING gin (terms);

-- Direct quotes and quoted fragments (fragment = true), each numbered from 0 within its article.
CREATE TABLE kb_quote (
  article text NOT NULL REFERENCES kb_article (id) ON DELETE CASCADE,
  fragment boolean NOT NULL,
  index integer NOT NULL,
  sentence integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  text text NOT NULL,
  -- The speaker as the article names them (ExtractedQuote.speaker); the knowledge base's canonical name is in
  -- `canonical`, which changes when the people are merged again.
  speaker text,
  canonical text,
  terms tsvector NOT NULL,
  PRIMARY KEY (article, fragment, index)
);
CREATE INDEX kb_quote_terms ON kb_quote USING gin (terms);

-- Dated events; `terms` covers the sentence and the next one of the same paragraph (what the events index holds).
CREATE TABLE kb_event (
  article text NOT NULL REFERENCES kb_article (id) ON DELETE CASCADE,
  index integer NOT NULL,
  sentence integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  date text NOT NULL,
  date_text text NOT NULL,
  terms tsvector NOT NULL,
  PRIMARY KEY (article, index)
);
CREATE INDEX kb_event_terms ON kb_event USING gin (terms);

-- The people of the whole corpus (KbPerson), in the knowledge base's order; written again whole when the merge changes.
CREATE TABLE kb_person (
  position integer PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  description_source jsonb,
  aliases text[] NOT NULL,
  articles text[] NOT NULL,
  -- Every sentence that mentions them, as [article, sentence] pairs, in corpus order.
  mentions jsonb NOT NULL
);
CREATE INDEX kb_person_by_name ON kb_person (name);
-- Every name a person goes by (the canonical one and each alias), for fuzzy lookups and autocomplete.
CREATE TABLE kb_person_name (
  person integer NOT NULL REFERENCES kb_person (position) ON DELETE CASCADE,
  name text NOT NULL
);
CREATE INDEX kb_person_name_trgm ON kb_person_name USING gin (lower(name) gin_trgm_ops);

-- In how many sentences, events and quotes each index term occurs: the rare-word lead, idf weights, and the
-- vocabulary typo tolerance looks in (by trigrams).
CREATE TABLE kb_term (
  term text PRIMARY KEY,
  sentences integer NOT NULL DEFAULT 0,
  events integer NOT NULL DEFAULT 0,
  quotes integer NOT NULL DEFAULT 0
);
CREATE INDEX kb_term_trgm ON kb_term USING gin (term gin_trgm_ops);
