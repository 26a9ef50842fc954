// A feed entry with keywords keeps only items that mention one of them. Matching is on whole words (or whole
// phrases), case- and accent-insensitive, so "rust" keeps "Rust for Linux" but not "trust" or "rustic".

export function matchesKeywords(text: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  const haystack = fold(text);
  return keywords.some((k) => {
    const needle = fold(k).trim();
    if (!needle) return false;
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(haystack);
  });
}

function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
}
