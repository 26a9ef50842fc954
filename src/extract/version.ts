// Kept apart from the extractors, so that reading the facts cache does not load the NLP libraries they use.

/** Bumped whenever extraction output can change, so cached facts from an older extractor are not reused. */
export const EXTRACTION_VERSION = 2;
