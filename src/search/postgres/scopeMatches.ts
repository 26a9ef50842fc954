// The documents an AND search of a question finds, told from its words' postings without scoring them (the answers'
// SearchIndex.documentsMatching): kb_posting's rows of every variant of each word, in the searched fields, which the
// question's fetches read (scopeFetches.ts), where a GIN AND over the documents' rows rechecked each one against
// every variant (0.9–1.0 s of the server's time for a 3-letter prefix of 172 variants at 50,000 articles). A search
// of the same words and fields after it looks among these documents only (scopeIndex.ts).
import type { PostgresEngine } from "./engine.ts";
import type { ScopeFetches } from "./scopeFetches.ts";
import type { Holding, Kind } from "./scopeLookups.ts";

export class ScopeMatches {
  /** The documents found, by the search's groups (each word's variants) and fields: told once per question. */
  private readonly found = new Map<string, Int32Array>();

  constructor(
    private readonly kind: Kind,
    private readonly engine: PostgresEngine,
    private readonly fetches: ScopeFetches,
  ) {}

  /**
   * The documents holding a variant of every group in one of `fields` (their places in a holding), ascending;
   * undefined where they cannot be counted (255 groups or more). The variants' postings are asked for before the
   * documents of `kind` are needed: asked before the engine read them, they are fetched while it does (and placed once
   * it has: scopeFetches.ts). Throws NotFetched (or PartNotRead) until they are there.
   */
  tell(groups: string[][], fields: number[]): Int32Array | undefined {
    const { kind, fetches } = this;
    // Each document's groups are counted in a byte (documentsOfEvery).
    if (groups.length >= 255) return undefined;
    const variants = [...new Set(groups.flat())];
    fetches.need(variants.filter((t) => !fetches.holding(kind, t)).map((term) => ({ kind, term, every: true })), true);
    this.engine.mustHold(kind);
    if (groups.length === 0) return new Int32Array(0);
    const key = keyOf(groups, fields);
    let found = this.found.get(key);
    if (!found) this.found.set(key, (found = documentsOfEvery(groups, fields, (t) => fetches.holding(kind, t) ?? [], this.engine.positionCount(kind))));
    return found;
  }

  /** The documents told for these groups and fields, if they were. */
  told(groups: string[][], fields: number[]): Int32Array | undefined {
    return this.found.get(keyOf(groups, fields));
  }
}

const keyOf = (groups: string[][], fields: number[]): string => JSON.stringify([groups, fields]);

/**
 * The documents (of `documents`, ascending) holding a variant of every group in one of `fields`: each document's
 * groups counted in one byte, a group counted once however many of its variants it holds.
 */
function documentsOfEvery(groups: string[][], fields: number[], holding: (term: string) => Holding, documents: number): Int32Array {
  const held = new Uint8Array(documents);
  groups.forEach((variants, g) => {
    // A document held by every group before this one (g of them) is held by this one too: g + 1.
    for (const t of variants)
      for (const field of fields)
        for (const id of holding(t)[field] ?? []) if (held[id] === g) held[id] = g + 1;
  });
  let n = 0;
  for (let id = 0; id < documents; id++) if (held[id] === groups.length) n++;
  const out = new Int32Array(n);
  for (let id = 0, k = 0; id < documents; id++) if (held[id] === groups.length) out[k++] = id;
  return out;
}
