import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MergeMemo } from "../../src/kb/mergeMemo.ts";
import { mergePeople, type ArticlePeopleInput } from "../../src/kb/mergePeople.ts";
import type { LocalPerson } from "../../src/extract/types.ts";

const local = (name: string, description = "", aliases: string[] = [], sentences = [0]): LocalPerson => ({
  name,
  description,
  aliases,
  sentences,
});

const merged = (inputs: ArticlePeopleInput[]) => mergePeople(inputs);
const byName = (inputs: ArticlePeopleInput[], name: string) => {
  const p = merged(inputs).people.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name} in ${merged(inputs).people.map((x) => x.name).join(", ")}`);
  return p;
};

describe("mergePeople", () => {
  it("merges a surname-only person into the one full-named person it can mean", () => {
    const inputs = [
      { article: "a", people: [local("Linus Torvalds", "Linux's creator", ["Torvalds"])] },
      { article: "b", people: [local("Torvalds", "", [], [2, 5])] },
    ];
    const r = merged(inputs);
    expect(r.people.map((p) => p.name)).toEqual(["Linus Torvalds"]);
    expect(r.people[0]?.articles).toEqual(["a", "b"]);
    expect(r.people[0]?.mentions).toEqual([
      { article: "a", sentence: 0 },
      { article: "b", sentence: 2 },
      { article: "b", sentence: 5 },
    ]);
    expect(r.canonical("b", "Torvalds")).toBe("Linus Torvalds");
  });

  it("keeps the name most articles use when one article's form only adds headline words", () => {
    const inputs = [
      ...["a", "b", "c", "d", "e"].map((article) => ({ article, people: [local("Ada Quinlan", "", ["Quinlan"])] })),
      { article: "f", people: [local("Ada Quinlan Calls", "", ["Ada Quinlan", "Quinlan"])] },
    ];
    const r = merged(inputs);
    expect(r.people.map((p) => p.name)).toEqual(["Ada Quinlan"]);
    expect(r.canonical("f", "Ada Quinlan Calls")).toBe("Ada Quinlan");
    // With equal support the fuller form still wins ("Wedson Almeida Filho" over "Wedson Almeida").
    const even = merged([
      { article: "a", people: [local("Ada Quinlan Ferreira", "", ["Quinlan Ferreira"])] },
      { article: "b", people: [local("Ada Quinlan", "", ["Quinlan"])] },
    ]);
    expect(even.people.map((p) => p.name)).toEqual(["Ada Quinlan Ferreira"]);
  });

  it("merges a one- or two-letter misspelling of a surname when the first name matches", () => {
    const inputs = [
      { article: "a", people: [local("Steven Rostedt", "kernel maintainer", ["Rostedt"], [1, 2])] },
      { article: "b", people: [local("Steven Rosted", "Linux kernel maintainer")] },
    ];
    const p = byName(inputs, "Steven Rostedt");
    expect(p.articles).toEqual(["a", "b"]);
    expect(p.aliases).toContain("Steven Rosted");
    expect(merged(inputs).canonical("b", "Steven Rosted")).toBe("Steven Rostedt");
  });

  it("does not treat short or different-first-name surnames as misspellings", () => {
    const shortSurname = [
      { article: "a", people: [local("Gary Guo")] },
      { article: "b", people: [local("Gary Gao")] },
    ];
    expect(merged(shortSurname).people).toHaveLength(2);
    const otherFirst = [
      { article: "a", people: [local("Steven Rostedt")] },
      { article: "b", people: [local("Stephen Rosted")] },
    ];
    expect(merged(otherFirst).people).toHaveLength(2);
  });

  it("does not merge look-alike surnames that are different names", () => {
    const pairs = [
      ["John Kerry", "John Terry"],
      ["Tony Blair", "Tony Bland"],
      ["John Kelly", "John Kerry"],
    ];
    for (const [x, y] of pairs) {
      const inputs = [
        { article: "a", people: [local(x as string)] },
        { article: "b", people: [local(y as string)] },
      ];
      expect(merged(inputs).people, `${x} / ${y}`).toHaveLength(2);
    }
    const long = [
      { article: "a", people: [local("Mikhail Khodorkovsky", "", [], [1, 2, 3])] },
      { article: "b", people: [local("Mikhail Khordokovsky")] },
    ];
    expect(merged(long).people.map((p) => p.name)).toEqual(["Mikhail Khodorkovsky"]);
  });

  it("does not merge near-identical names that one article names side by side", () => {
    const inputs = [
      { article: "a", people: [local("David Davis"), local("David Davies")] },
      { article: "b", people: [local("David Davis")] },
    ];
    expect(merged(inputs).people.map((p) => p.name).sort()).toEqual(["David Davies", "David Davis"]);
  });

  it("prefers a role that says what the person does over a superlative 'one of ...'", () => {
    const inputs = [
      { article: "a", people: [local("Nora Quist", "one of the harbour's most respected pilots")] },
      { article: "b", people: [local("Nora Quist", "head pilot of the Eastport harbour")] },
    ];
    expect(byName(inputs, "Nora Quist").description).toBe("head pilot of the Eastport harbour");
  });

  it("prefers the description most articles state over one long aside", () => {
    const inputs = ["a", "b", "c", "d"].map((article) => ({ article, people: [local("Tony Blair", "Prime Minister")] }));
    inputs.push({ article: "e", people: [local("Tony Blair", "enthusiastic proponent of talks to bring Turkey within the union")] });
    expect(byName(inputs, "Tony Blair").description).toBe("Prime Minister");
  });

  it("merges a first name that drops a doubled final letter, only with the same long surname", () => {
    const same = [
      { article: "a", people: [local("Barnett Slepian", "Dr.")] },
      { article: "b", people: [local("Barnet Slepian")] },
    ];
    expect(merged(same).people.map((p) => p.name)).toEqual(["Barnett Slepian"]);
    const different = [
      { article: "a", people: [local("Maria Lopez")] },
      { article: "b", people: [local("Marie Lopez")] },
    ];
    expect(merged(different).people).toHaveLength(2);
  });

  it("merges a two-word surname used alone into the full name", () => {
    const inputs = [
      { article: "a", people: [local("Enrique Peña Nieto", "Mexican president")] },
      { article: "b", people: [local("Peña Nieto")] },
    ];
    expect(merged(inputs).people.map((p) => p.name)).toEqual(["Enrique Peña Nieto"]);
    expect(merged(inputs).canonical("b", "Peña Nieto")).toBe("Enrique Peña Nieto");
  });

  it("merges reversed name order", () => {
    const inputs = [
      { article: "a", people: [local("Boqun Feng")] },
      { article: "b", people: [local("Feng Boqun", "Microsoft kernel engineer")] },
    ];
    const r = merged(inputs);
    expect(r.people).toHaveLength(1);
    expect(r.people[0]?.description).toBe("Microsoft kernel engineer");
    expect(r.canonical("b", "Feng Boqun")).toBe(r.people[0]?.name);
  });

  it("keeps two people sharing a surname apart, and leaves an ambiguous bare surname alone", () => {
    const inputs = [
      { article: "a", people: [local("Daniel Almeida", "", ["Almeida"]), local("Wedson Almeida Filho")] },
      { article: "b", people: [local("Wedson Almeida", "Microsoft engineer and Rust for Linux maintainer", ["Almeida"])] },
      { article: "c", people: [local("Almeida")] },
    ];
    const r = merged(inputs);
    expect(r.people.map((p) => p.name).sort()).toEqual(["Almeida", "Daniel Almeida", "Wedson Almeida Filho"]);
    expect(byName(inputs, "Wedson Almeida Filho").description).toBe("Microsoft engineer and Rust for Linux maintainer");
    expect(byName(inputs, "Wedson Almeida Filho").articles).toEqual(["a", "b"]);
    expect(byName(inputs, "Daniel Almeida").articles).toEqual(["a"]);
    expect(r.canonical("b", "Wedson Almeida")).toBe("Wedson Almeida Filho");
  });

  it("uses the fullest name, the most informative description and the union of aliases", () => {
    const inputs = [
      { article: "a", people: [local("Christoph Hellwig", "maintainer", ["Hellwig"])] },
      {
        article: "b",
        people: [local("Christoph Hellwig", "Prominent software engineer and Linux kernel maintainer", ["Christoph", "Cristoph"])],
      },
      { article: "c", people: [local("Hellwig", "Mr.")] },
    ];
    const p = byName(inputs, "Christoph Hellwig");
    expect(p.description).toBe("Prominent software engineer and Linux kernel maintainer");
    expect(p.aliases.sort()).toEqual(["Christoph", "Cristoph", "Hellwig"]);
    expect(p.articles).toEqual(["a", "b", "c"]);
  });

  it("is deterministic and keeps unknown local names as they are", () => {
    const inputs = [
      { article: "a", people: [local("Miguel Ojeda", "Linux kernel developer", ["Ojeda"])] },
      { article: "b", people: [local("Ojeda"), local("Miguel Ojeda", "leader of the Rust-for-Linux project")] },
    ];
    expect(JSON.stringify(merged(inputs).people)).toBe(JSON.stringify(merged(inputs).people));
    expect(merged(inputs).people).toHaveLength(1);
    expect(merged(inputs).canonical("a", "Nobody Known")).toBe("Nobody Known");
  });

  it("gives the same people with a memo of the merge before as without, whatever articles come, change or go", () => {
    // Names that merge in every way: full and surname-only forms, a misspelling, a fuller form, shared first names.
    const NAMES = ["Maria Okafor", "Okafor", "Maria Elena Okafor", "John Smith", "Jon Smith", "Smith", "Jane Smith", "Peter Lindqvist", "Peter Lindquist", "Lindqvist"];
    const person = (k: number, v: number): LocalPerson =>
      local(NAMES[k % NAMES.length] as string, v % 2 ? "the mayor" : "", k % 3 ? [] : [NAMES[(k + 1) % NAMES.length] as string], [v, k]);
    // An article's people in one version: the same objects each time that version is asked for (as a live corpus
    // keeps an unchanged article's), new ones for a new version.
    const versions = new Map<string, ArticlePeopleInput>();
    const article = (n: number, v: number): ArticlePeopleInput => {
      const key = `${n}@${v}`;
      if (!versions.has(key)) versions.set(key, { article: `a${n}`, people: [person(n + v, v), person(n * 3 + 1, v + 1)] });
      return versions.get(key) as ArticlePeopleInput;
    };
    const state = fc.array(fc.record({ n: fc.integer({ min: 0, max: 7 }), v: fc.integer({ min: 0, max: 2 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (states) => {
        const memo = new MergeMemo();
        for (const s of states) {
          const byId = new Map(s.map(({ n, v }) => [n, article(n, v)]));
          const inputs = [...byId.entries()].sort(([a], [b]) => a - b).map(([, input]) => input);
          const [withMemo, without] = [mergePeople(inputs, memo), mergePeople(inputs)];
          expect(withMemo.people).toEqual(without.people);
          for (const { article: id, people } of inputs) for (const p of people) expect(withMemo.canonical(id, p.name)).toBe(without.canonical(id, p.name));
        }
      }),
      { numRuns: 200, seed: 20261207 },
    );
  });
});
