-- The role questions' indexes as plain data (src/search/postgres/storedRoles.ts), written by the writer with the
-- knowledge base's version after its write (as kb_name_index and kb_article_order): the people each sentence mentions
-- as (sentence position, person position) pairs in position order (int4send, big-endian: `positions`, `people`), and
-- the index of the people's descriptions in MiniSearch's own serialisation (`descriptions`, its toJSON as text). A
-- reader takes them only beside that version (else it makes them, as before; a knowledge base not written since this
-- migration has none). Made at a shard's start, they were some 80 ms of main-thread CPU at 50,000 articles, beside the
-- events' read and take-in that /when waits for.
CREATE TABLE IF NOT EXISTS kb_role_index (version text NOT NULL, positions bytea NOT NULL, people bytea NOT NULL, descriptions text NOT NULL);
