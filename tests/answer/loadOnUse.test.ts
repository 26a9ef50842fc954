// Saved indexes stand in until they are loaded (issue 20: a warm start answers names before the large indexes load).
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { loadInTurn, loadOnUse } from "../../src/answer/loadOnUse.ts";

const options = { fields: ["text"] };
const docs = [
  { id: 0, text: "the harbour ferry was renamed" },
  { id: 1, text: "the council met on the quay" },
  { id: 2, text: "a ferry strike closed the harbour" },
];
const saved = () => {
  const index = new MiniSearch(options);
  index.addAll(docs);
  return index.toJSON();
};

describe("an index loaded on first use", () => {
  it("is not loaded until touched, then loaded once, and answers and updates as the loaded index does", () => {
    let loads = 0;
    const lazy = loadOnUse(() => (loads++, MiniSearch.loadJS(saved(), options)));
    expect(loads).toBe(0);
    const direct = MiniSearch.loadJS(saved(), options);
    expect(lazy.index.search("harbour ferry")).toEqual(direct.search("harbour ferry"));
    expect(lazy.index.documentCount).toBe(3);
    expect(lazy.index).toBeInstanceOf(MiniSearch);
    lazy.index.add({ id: 3, text: "the ferry returned" });
    lazy.index.discard(0);
    expect(lazy.index.documentCount).toBe(3);
    expect(lazy.index.search("ferry").map((r) => r.id).sort()).toEqual([2, 3]);
    lazy.load();
    expect(loads).toBe(1);
  });

  it("fails on every use with the same error, without loading again (a saved section is read once)", () => {
    let loads = 0;
    const lazy = loadOnUse(() => {
      loads++;
      throw new Error("section damaged");
    });
    expect(() => lazy.index.search("ferry")).toThrow("section damaged");
    expect(() => lazy.index.documentCount).toThrow("section damaged");
    expect(loads).toBe(1);
  });
});

describe("loading in turn", () => {
  it("loads nothing in the current turn, then each index on a later turn, and resolves once all are loaded (a failure too)", async () => {
    const order: string[] = [];
    const pending = ["quotes", "events", "sentences"].map((name) =>
      loadOnUse(() => {
        order.push(name);
        if (name === "events") throw new Error("damaged");
        return MiniSearch.loadJS(saved(), options);
      }),
    );
    const loaded = loadInTurn(pending);
    await Promise.resolve();
    expect(order).toEqual([]);
    await loaded;
    expect(order).toEqual(["quotes", "events", "sentences"]);
    expect(() => pending[1]?.index.search("ferry")).toThrow("damaged");
  });
});
