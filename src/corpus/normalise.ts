import { dropBoilerplate } from "./boilerplate.ts";
import { unifyCharacters } from "./characters.ts";
import { reduceMarkdown } from "./markdown.ts";
import { compactMap, compose } from "./offsetMap.ts";

export interface NormalisedText {
  text: string;
  toOriginal(offset: number): number;
}

/**
 * The text the extractors read: markdown links reduced to their text, boilerplate lines dropped, Unicode NFKC
 * with quote and hyphen variants unified. Offsets map back to the original body for citations.
 */
export function normalise(body: string): NormalisedText {
  const links = reduceMarkdown(body);
  const lines = dropBoilerplate(links.text);
  const chars = unifyCharacters(lines.text);
  const origins = compose(compose(links.origins, lines.origins), chars.origins);
  return { text: chars.text, toOriginal: compactMap(origins, body.length) };
}
