import { describe, expect, it } from "vitest";
import { anyGate } from "../../../src/extract/dates/gate.ts";
import type { DateParser } from "../../../src/extract/dates/types.ts";

const parser = (name: string, gate: RegExp): DateParser => ({ name, gate, parse: () => [], movesNarrative: false, textStable: false });

describe("anyGate: the sentence gate built from the parsers' gates", () => {
  const gate = anyGate([parser("months", /Jan|Feb/), parser("years", /\d{4}/), parser("seasons", /summer|winter/i)]);

  it("passes a sentence that any parser's gate passes, each gate with its own flags", () => {
    expect(gate("It opened in Jan. after all.")).toBe(true);
    expect(gate("It opened in 2013.")).toBe(true);
    expect(gate("It opened last SUMMER.")).toBe(true);
  });

  it("skips a sentence no gate passes, case included where a gate is case-sensitive", () => {
    expect(gate("It opened in jan. after 99 days.")).toBe(false);
  });

  it("refuses a gate that cannot be joined, naming its parser", () => {
    expect(() => anyGate([parser("weekdays", /Friday/g)])).toThrow(/parser "weekdays"/);
  });
});
