/** A word list written as whitespace-separated words, lower case: the form every list in this folder uses. */
export function wordSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/** A map from each word of a whitespace-separated list to one value. */
export function wordMap<T>(words: string, value: T): Map<string, T> {
  return new Map([...wordSet(words)].map((w) => [w, value]));
}
