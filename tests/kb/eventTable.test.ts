import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventTable, EventTableBuilder, type SavedEvents } from "../../src/kb/eventTable.ts";
import type { KbEvent } from "../../src/kb/types.ts";

// Events as extraction makes them, with few distinct strings (articles, dates and date texts repeat, and may equal
// one another) and any text in them.
const text = fc.oneof(fc.constantFrom("a", "2024", "2024-05", "May", ""), fc.string({ unit: "grapheme", maxLength: 12 }));
const event = fc.record({ article: text, sentence: fc.nat({ max: 100_000 }), date: text, dateText: text });

describe("the knowledge base's packed events", () => {
  it("read back as the list they were made of: each event, each field, each article's, and through the startup cache's JSON", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events: KbEvent[]) => {
        const table = EventTable.of(events);
        expect(table.length).toBe(events.length);
        expect([...table]).toEqual(events);
        events.forEach((e, i) => {
          expect(table.at(i)).toEqual(e);
          expect([table.article(i), table.sentence(i), table.date(i)]).toEqual([e.article, e.sentence, e.date]);
        });
        expect(table.at(events.length)).toBeUndefined();
        expect(table.at(-1)).toBeUndefined();
        for (const article of new Set(events.map((e) => e.article))) expect(table.ofArticle(article)).toEqual(events.filter((e) => e.article === article));
        expect(table.ofArticle("no such article \u0000")).toEqual([]);
        const saved = JSON.parse(JSON.stringify({ events: table })) as { events: SavedEvents };
        expect([...EventTable.fromJSON(saved.events)]).toEqual(events);
      }),
    );
  });

  it("extended (a shard applying a write): runs of its events copied and new ones added read as the list they make, each article's run where it lies", () => {
    const run = fc.record({ from: fc.nat({ max: 60 }), length: fc.nat({ max: 20 }) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.array(fc.oneof(run, event), { maxLength: 8 }), (events: KbEvent[], steps) => {
        const table = EventTable.of(events);
        const builder = EventTableBuilder.extending(table);
        const expected: KbEvent[] = [];
        for (const step of steps) {
          if ("article" in step) {
            builder.push(step);
            expected.push(step);
          } else {
            const from = Math.min(step.from, events.length);
            const to = Math.min(from + step.length, events.length);
            builder.copy(table, from, to);
            expected.push(...events.slice(from, to));
          }
        }
        expect([...builder.done()]).toEqual(expected);
        for (const [article, { from, to }] of table.articleSpans()) {
          const first = events.findIndex((e) => e.article === article);
          let end = first;
          while (end < events.length && events[end]?.article === article) end++;
          expect([from, to]).toEqual([first, end]);
        }
        expect(() => builder.copy(EventTable.of(events), 0, 0)).toThrow(/the table a builder extends/);
      }),
    );
  });

  it("refuses a saved table that is damaged, naming the fault", () => {
    expect(() => EventTable.fromJSON({ strings: ["a"], numbers: [0, 1, 0] })).toThrow(/event table/);
    expect(() => EventTable.fromJSON({ strings: ["a"], numbers: [0, 1, 0, 1] })).toThrow(/names string 1 of 1/);
    expect(() => EventTable.fromJSON([] as unknown as SavedEvents)).toThrow(/not a table of events/);
  });
});
