/**
 * The sentence gate: one test that passes where any parser's gate passes. Gates are joined into one alternation per
 * set of flags (JavaScript has no inline case-insensitive group on Node 20), so a sentence with no date is scanned
 * once or twice, not once per parser.
 */
import type { DateParser } from "./types.ts";

export function anyGate(parsers: readonly DateParser[]): (text: string) => boolean {
  const byFlags = new Map<string, string[]>();
  for (const { name, gate } of parsers) {
    // A stateful regex would skip text after its last match; a numbered backreference would point elsewhere joined.
    if (gate.global || gate.sticky || /\\[1-9]/.test(gate.source)) {
      throw new Error(`dates: parser "${name}" has a gate that cannot be joined (g or y flag, backreference): ${gate}`);
    }
    byFlags.set(gate.flags, [...(byFlags.get(gate.flags) ?? []), `(?:${gate.source})`]);
  }
  const joined = [...byFlags].map(([flags, sources]) => new RegExp(sources.join("|"), flags));
  return (text) => joined.some((re) => re.test(text));
}
