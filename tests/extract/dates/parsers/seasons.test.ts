import { describe, it } from "vitest";
import { testSingleCase } from "../testUtil.ts";

describe("seasons", () => {
  it("gives a season with a year at year precision", () => testSingleCase("A pivotal moment came in the summer of 2019 when Ojeda established the Rust for Linux GitHub organization.", "2024-12", ["the summer of 2019", "2019"]));
});
