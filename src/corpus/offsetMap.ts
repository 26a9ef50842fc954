/**
 * Text that remembers where each of its characters came from.
 *
 * Normalisation runs as a chain of stages; each stage appends pieces of output together with the offset in its
 * input that each piece came from. The chain composes into one compact map: a list of breakpoints where the
 * output-to-input delta changes, so an article costs a few dozen numbers instead of one per character.
 */
export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  /** Per output character, the input offset it came from. */
  private readonly origins: number[] = [];

  /** Appends `piece`, each character mapped to `from + i` (or all to `from` when `collapse` is set). */
  push(piece: string, from: number, collapse = false): void {
    this.parts.push(piece);
    for (let i = 0; i < piece.length; i++) this.origins.push(collapse ? from : from + i);
    this.length += piece.length;
  }

  /** Appends a piece of an earlier stage's output, keeping that stage's origins for it. */
  pushMapped(input: MappedText, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(input.text.slice(from, to));
    for (let i = from; i < to; i++) this.origins.push(input.origins[i] as number);
    this.length += to - from;
  }

  finish(): MappedText {
    return { text: this.parts.join(""), origins: this.origins };
  }
}

export interface MappedText {
  text: string;
  /** origins[i] is the input offset of output character i. */
  origins: number[];
}

/** Composes stage maps: `outer` maps into the text `inner` produced; the result maps into inner's input. */
export function compose(inner: number[], outer: number[]): number[] {
  return outer.map((o) => inner[o] ?? inner[inner.length - 1] ?? 0);
}

/** A compact, searchable form of a per-character origin map. */
export function compactMap(origins: number[], originalLength: number): (offset: number) => number {
  const starts: number[] = [];
  const deltas: number[] = [];
  for (let i = 0; i < origins.length; i++) {
    const delta = (origins[i] as number) - i;
    if (deltas.length === 0 || deltas[deltas.length - 1] !== delta) {
      starts.push(i);
      deltas.push(delta);
    }
  }
  const end = origins.length;
  return (offset: number) => {
    if (offset >= end) return originalLength;
    if (offset <= 0 || starts.length === 0) return Math.max(0, (deltas[0] ?? 0) + Math.max(0, offset));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset + (deltas[lo] as number);
  };
}
