-- The corpus file each stored article was read from, and that file's signature (inode, size, modification and change
-- time: src/corpus/load.ts) when the hash in `hash` was read from it. A process that comes to lead compares the folder
-- with these instead of reading and hashing every file (at 50,000 articles its catch-up read all 50,000 files: 11-32 s):
-- a file whose signature is the stored one holds the bytes the stored hash was made of. NULL: not known (a row written
-- before this column, or rewritten since, until the writer stores it): the file is read.
ALTER TABLE kb_article ADD COLUMN IF NOT EXISTS file_name text, ADD COLUMN IF NOT EXISTS file_signature text;
