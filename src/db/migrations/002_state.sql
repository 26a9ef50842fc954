-- The bot's state when DATABASE_URL is set (src/state/pgDocument.ts): one row per kind of state, the same documents
-- the embedded default keeps as JSON files in DATA_DIR (announcements, channels, follows, digest, feeds-state), each
-- checked for shape when read. `version` counts the changes: a process whose copy is older reads the row again, and
-- every change is made to the row as stored, under its lock (SELECT … FOR UPDATE), so shards changing it at once
-- lose nothing.
CREATE TABLE state_document (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
