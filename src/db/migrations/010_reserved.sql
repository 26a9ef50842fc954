-- Reserved: the number of a migration another branch of this stop adds (early: the articles' metadata). Empty here, so
-- that 011 follows a 010; whichever merges second takes this file out (a database migrated with it would skip that
-- branch's 010: only throwaway copies were).
SELECT 1;
