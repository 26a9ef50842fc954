-- Reserved for firstread's migration 011 (this branch's is 012): keeps the versions contiguous until that lands; take
-- it out then (or renumber 012 to 011 if firstread merges without one).
SELECT 1;
