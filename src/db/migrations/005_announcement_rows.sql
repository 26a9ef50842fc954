-- The announcement record as rows (src/announce/recordRows.ts) instead of one jsonb document in state_document: an
-- article is announced at most once (its row's key), and a channel gets at most one announcement of an article (a
-- unique key on the channel and the article it announces, whatever two leaders may try at once). A message is claimed
-- by the leader that sends it and marked sent (with Discord's message id) in its own row; its id is also the nonce
-- Discord drops a repeat by. `version` numbers the changes: a process reads only the rows changed since it last looked.
CREATE TABLE announcement_log (
  -- One row: the record exists (a first start has none), and the number of its latest change.
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0
);

CREATE TABLE announced_article (
  article text PRIMARY KEY,
  -- When it was recorded as announced (ISO 8601, as the JSON record keeps it).
  announced_at text NOT NULL,
  -- The story it is a copy of (announced as "also reported by" in that story's announcement).
  copy_of text,
  version bigint NOT NULL
);
CREATE INDEX announced_article_version ON announced_article (version);

CREATE TABLE announcement_message (
  -- Random, 20 characters: also the message nonce.
  id text PRIMARY KEY,
  -- Queue order: a channel's messages go out in this order.
  seq bigserial NOT NULL UNIQUE,
  channel text NOT NULL,
  -- The article whose message in the channel this becomes once posted (none for edits, summaries, the digest)…
  article text,
  -- …and, for an article's announcement (not a resend), the article it announces: one per channel, ever.
  announces text,
  -- The queued message as the announcer reads it (src/announce/record.ts QueuedMessage); without its embed once done.
  message jsonb NOT NULL,
  -- queued, or done: sent (posted holds Discord's message id) or refused for good.
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done')),
  posted text,
  -- The leader sending it: another process does not send a message claimed by a live leader.
  claimed_by text,
  claimed_at timestamptz,
  version bigint NOT NULL
);
CREATE UNIQUE INDEX announcement_once ON announcement_message (channel, announces);
CREATE INDEX announcement_queued ON announcement_message (seq) WHERE state = 'queued';
CREATE INDEX announcement_message_version ON announcement_message (version);

-- A database written before: the rows from the jsonb document, which is kept, renamed, for whoever wants to look.
-- (Messages queued before carry no flag for a resend: their label, "resend <id>", says it.)
INSERT INTO announcement_log (id, version) SELECT true, 1 FROM state_document WHERE name = 'announcements';
INSERT INTO announced_article (article, announced_at, copy_of, version)
  SELECT a.key, a.value #>> '{}', d.value -> 'copies' ->> a.key, 1
  FROM state_document d CROSS JOIN LATERAL jsonb_each(d.value -> 'announced') a
  WHERE d.name = 'announcements' AND jsonb_typeof(d.value -> 'announced') = 'object';
INSERT INTO announcement_message (id, seq, channel, article, announces, message, version)
  SELECT q.value ->> 'id', q.n, q.value ->> 'channel',
    CASE WHEN q.value ? 'edit' THEN NULL ELSE q.value ->> 'article' END,
    CASE WHEN q.value ? 'edit' OR q.value ->> 'label' LIKE 'resend %' THEN NULL ELSE q.value ->> 'article' END,
    q.value, 1
  FROM state_document d CROSS JOIN LATERAL jsonb_array_elements(d.value -> 'queue') WITH ORDINALITY AS q(value, n)
  WHERE d.name = 'announcements' AND jsonb_typeof(d.value -> 'queue') = 'array'
  ON CONFLICT DO NOTHING;
SELECT setval(pg_get_serial_sequence('announcement_message', 'seq'), (SELECT coalesce(max(seq), 0) + 1 FROM announcement_message), false);
INSERT INTO announcement_message (id, channel, article, announces, message, state, posted, version)
  SELECT 'posted-' || md5(p.key || '/' || c.key), c.key, p.key, p.key,
    jsonb_build_object('id', 'posted-' || md5(p.key || '/' || c.key), 'channel', c.key, 'article', p.key), 'done', c.value #>> '{}', 1
  FROM state_document d CROSS JOIN LATERAL jsonb_each(d.value -> 'posted') p CROSS JOIN LATERAL jsonb_each(p.value) c
  WHERE d.name = 'announcements' AND jsonb_typeof(d.value -> 'posted') = 'object'
  ON CONFLICT DO NOTHING;
UPDATE state_document SET name = 'announcements.before-rows' WHERE name = 'announcements';
