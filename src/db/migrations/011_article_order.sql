-- The article autocomplete's order as plain data (src/search/postgres/storedOrders.ts): the articles newest first, as
-- their places in the corpus's order (int4send, big-endian), and their titles' words (src/answer/titleWords.ts: the
-- sorted vocabulary, each article's words by their numbers in it, in that order, and each word's articles), written
-- by the writer with the knowledge base's version after its write (as kb_name_index): a reader takes it only beside
-- that version (else it makes the order, as before; a knowledge base not written since this migration has none). Made
-- at a shard's start, it was some 0.3 s of CPU at 50,000 articles, on the path of the first article suggestion and of
-- /when.
CREATE TABLE IF NOT EXISTS kb_article_order (
  version text NOT NULL, articles bytea NOT NULL, vocabulary json NOT NULL, word_starts bytea NOT NULL, words bytea NOT NULL, place_starts bytea NOT NULL, places bytea NOT NULL
);
