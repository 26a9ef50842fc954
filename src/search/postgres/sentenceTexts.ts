// The sentences' texts that an engine holding none reads from the database for its answers (and for its duties:
// articleTexts.ts), with the last TEXTS_KEPT kept for the questions after: apart from engine.ts as a cache of its
// own, with its own bound.
import type pg from "pg";

/** Sentence texts kept from the questions before (some 130 bytes each, with the map's entry some 250: 2.5 MB). */
const TEXTS_KEPT = 10_000;

export class SentenceTexts {
  /** The texts of the questions before, the most recently read last (the first is the one to drop). */
  private readonly keptTexts = new Map<number, string>();

  constructor(
    private readonly pool: pg.Pool,
    /** The sentences' stable ids by position: what their texts are fetched by. */
    private readonly sentenceIds: Int32Array,
  ) {}

  /**
   * The texts of the sentences at these positions, from the database (a sentence no longer stored reads ""), kept
   * for the questions after unless `keep` is false.
   */
  async read(positions: readonly number[], { keep = true } = {}): Promise<Map<number, string>> {
    const byId = new Map<number, number>();
    for (const p of positions) {
      const id = this.sentenceIds[p];
      if (id !== undefined) byId.set(id, p);
    }
    const texts = new Map<number, string>(positions.map((p) => [p, ""]));
    const { rows } = await this.pool.query<{ id: number; text: string }>({ name: "kb-sentence-texts", text: "SELECT id, text FROM kb_sentence WHERE id = ANY($1)", values: [[...byId.keys()]] });
    for (const r of rows) {
      const p = byId.get(r.id);
      if (p === undefined) continue;
      texts.set(p, r.text);
      if (keep) this.keepText(p, r.text);
    }
    return texts;
  }

  keptText(position: number): string | undefined {
    const text = this.keptTexts.get(position);
    if (text !== undefined) {
      this.keptTexts.delete(position);
      this.keptTexts.set(position, text);
    }
    return text;
  }

  private keepText(position: number, text: string): void {
    this.keptTexts.set(position, text);
    if (this.keptTexts.size > TEXTS_KEPT) this.keptTexts.delete(this.keptTexts.keys().next().value as number);
  }

  /**
   * Keeps the texts `held` (the engine's before a write: engineChange.ts) kept of the sentences this one holds, in
   * their order of use, at their positions here (found by stable id: a rewritten article's sentences have new ids).
   */
  carry(held: SentenceTexts, position: (id: number) => number | undefined): void {
    for (const [q, text] of held.keptTexts) {
      const id = held.sentenceIds[q];
      const p = id === undefined ? undefined : position(id);
      if (p !== undefined) this.keptTexts.set(p, text);
    }
  }

  /** Forgets the texts kept: they are in memory now. */
  clear(): void {
    this.keptTexts.clear();
  }
}
