/**
 * Text that remembers where each of its characters came from.
 *
 * Normalisation runs as a chain of stages; each stage appends pieces of output together with the offset in its
 * input that each piece came from. Origins are kept as runs (a stretch of output copied from a stretch of input),
 * not one number per character: most of an article passes through a stage unchanged, so an article costs a few
 * dozen runs, and composing the stages costs as little.
 */
export interface Run {
  /** Where the run starts in the output. */
  out: number;
  /** Where it came from in the input. */
  in: number;
  len: number;
  /** Every character of the run came from the one input offset `in` (an expansion, such as "…" to "..."). */
  collapse: boolean;
}

export interface MappedText {
  text: string;
  runs: Run[];
}

export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  private readonly runs: Run[] = [];

  /** Appends `piece`, each character mapped to `from + i` (or all to `from` when `collapse` is set). */
  push(piece: string, from: number, collapse = false): void {
    if (!piece) return;
    this.parts.push(piece);
    this.addRun(from, piece.length, collapse);
  }

  /** Appends output [from, to) of an earlier stage, keeping that stage's origins for it. */
  pushMapped(input: MappedText, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(input.text.slice(from, to));
    for (const r of input.runs) {
      const start = Math.max(from, r.out);
      const end = Math.min(to, r.out + r.len);
      if (start >= end) continue;
      this.addRun(r.collapse ? r.in : r.in + (start - r.out), end - start, r.collapse);
    }
  }

  finish(): MappedText {
    return { text: this.parts.join(""), runs: this.runs };
  }

  private addRun(from: number, len: number, collapse: boolean): void {
    const last = this.runs[this.runs.length - 1];
    if (last && !collapse && !last.collapse && last.in + last.len === from) last.len += len;
    else this.runs.push({ out: this.length, in: from, len, collapse });
    this.length += len;
  }
}

/** The input offset of output offset `offset` (offsets past the end map past the input's end). */
export function mapOffset(runs: Run[], offset: number, inputLength: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  if (hi < 0) return Math.min(Math.max(0, offset), inputLength);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((runs[mid] as Run).out <= offset) lo = mid;
    else hi = mid - 1;
  }
  const r = runs[lo] as Run;
  if (offset >= r.out + r.len && lo === runs.length - 1) return inputLength;
  if (offset < r.out) return r.in;
  return r.collapse ? r.in : r.in + (offset - r.out);
}

/** Composes two stages: `outer` maps into the text `inner` produced; the result maps into inner's input. */
export function compose(inner: MappedText, outer: MappedText): MappedText {
  const out = new TextBuilder();
  // Re-map each outer run through inner's runs; the text itself is outer's.
  for (const r of outer.runs) {
    if (r.collapse) {
      const target = mapOffset(inner.runs, r.in, Number.MAX_SAFE_INTEGER);
      out.push(outer.text.slice(r.out, r.out + r.len), target, true);
    } else {
      out.pushMapped(inner, r.in, r.in + r.len);
    }
  }
  return { text: outer.text, runs: out.finish().runs };
}

/** Truncates a mapped text to its first `length` characters. */
export function truncate(mapped: MappedText, length: number): MappedText {
  const runs = mapped.runs
    .filter((r) => r.out < length)
    .map((r) => (r.out + r.len > length ? { ...r, len: length - r.out } : r));
  return { text: mapped.text.slice(0, length), runs };
}
