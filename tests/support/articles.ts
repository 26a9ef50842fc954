// Articles for tests: the extractors' input (ArticleText) built as the pipeline builds it, and article files as
// they lie in a corpus folder (YAML front matter, then the body).
import { unifyCharacters } from "../../src/corpus/characters.ts";
import { normalise } from "../../src/corpus/normalise.ts";
import { splitParagraphs } from "../../src/extract/paragraphs.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import type { ArticleText } from "../../src/extract/types.ts";

export interface ArticleTextOptions {
  /** Default "t". */
  id?: string;
  /** Default "2025-02". */
  published?: string;
  /**
   * "full" (the default): normalised as the corpus loader does it (markdown links reduced, boilerplate lines such
   * as a lone "[...]" dropped, characters unified). "characters": quote and hyphen variants unified only, for tests
   * of what an extractor does with lines the loader would drop.
   */
  normalise?: "full" | "characters";
}

/** What the extractors read for an article whose body is `body`: normalised, then cut into paragraphs and sentences as src/extract/index.ts does. */
export function articleText(body: string, options: ArticleTextOptions = {}): ArticleText {
  const text = options.normalise === "characters" ? unifyCharacters(body).text : normalise(body).text;
  const paragraphs = splitParagraphs(text);
  return { id: options.id ?? "t", text, published: options.published ?? "2025-02", paragraphs, sentences: splitSentences(text, paragraphs) };
}

export interface ArticleFileSpec {
  title: string;
  body: string;
  /** Default "Test Wire". */
  outlet?: string;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; default "2025-01-02". */
  published?: string;
  url?: string;
}

/** The text of a corpus file: front matter (values quoted) and the body. */
export function articleFile(spec: ArticleFileSpec): string {
  const fields: [string, string | undefined][] = [
    ["title", spec.title],
    ["outlet", spec.outlet ?? "Test Wire"],
    ["published", spec.published ?? "2025-01-02"],
    ["url", spec.url],
  ];
  const yaml = fields.flatMap(([key, value]) => (value === undefined ? [] : [`${key}: ${JSON.stringify(value)}`]));
  return `---\n${yaml.join("\n")}\n---\n${spec.body}\n`;
}
