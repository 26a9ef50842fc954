// File names for new articles: readable, ASCII, stable for the same title, short enough for any file system.

const MAX_SLUG = 80;

export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!base) return "article";
  if (base.length <= MAX_SLUG) return base;
  // Cut at a word boundary so the name does not end in half a word.
  const cut = base.slice(0, MAX_SLUG);
  const lastDash = cut.lastIndexOf("-");
  return lastDash > 20 ? cut.slice(0, lastDash) : cut;
}

/** `slug`, then `slug-2`, `slug-3`, …: the candidates tried in order until one is free. */
export function* slugCandidates(slug: string): Generator<string> {
  yield slug;
  for (let n = 2; n < 10_000; n++) yield `${slug}-${n}`;
}
