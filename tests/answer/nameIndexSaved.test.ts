// The name index a warm start restores from the startup cache (NameIndex.saved / restore) is the index a build makes:
// the same tokens, the same people per token, the same lookups.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NameIndex } from "../../src/answer/name-index.ts";
import type { KbPerson } from "../../src/kb/types.ts";

const person = (name: string, aliases: string[]): KbPerson => ({ name, description: "", aliases, articles: [], mentions: [] });
const word = fc.constantFrom("Linus", "Torvalds", "Miguel", "Ojeda", "Ted", "T'so", "Greg", "Kroah-Hartman", "Zoë", "O'Brien", "van", "Rossum", "Li", "Na");
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
const people = fc.array(fc.tuple(name, fc.array(name, { maxLength: 2 })), { maxLength: 30 }).map((ps) => ps.map(([n, a]) => person(n, a)));

describe("the saved name index", () => {
  it("restores to the index a build makes, through JSON as the startup cache keeps it", () => {
    fc.assert(
      fc.property(people, fc.array(fc.constantFrom("lin", "torv", "tso", "ojeda", "kroah", "zoe", "obrien", "li", "x"), { maxLength: 3 }), (ps, queries) => {
        const built = new NameIndex(ps);
        const restored = NameIndex.restore(ps, JSON.parse(JSON.stringify(built.saved())));
        expect(restored).toEqual(built);
        for (const q of queries) {
          expect(restored.peopleMatching(q)).toEqual(built.peopleMatching(q));
          expect(restored.peopleNear(q, 2)).toEqual(built.peopleNear(q, 2));
        }
      }),
    );
  });

  it("is refused for other people", () => {
    const saved = new NameIndex([person("Linus Torvalds", [])]).saved();
    expect(() => NameIndex.restore([], saved)).toThrow(/not of these people/);
  });
});
