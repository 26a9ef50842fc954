import { dropBoilerplate } from "./boilerplate.ts";
import { unifyCharacters } from "./characters.ts";
import { reduceMarkdown } from "./markdown.ts";
import { compose, mapOffset } from "./offsetMap.ts";

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
  const { runs } = compose(compose(links, lines), chars);
  return { text: chars.text, toOriginal: (offset) => mapOffset(runs, offset, body.length) };
}
