/**
 * Helpers for the date tests, after chrono-node's test/test_util.ts: a short text becomes an article as the pipeline
 * splits it, and the expressions extractDates finds come back as [dateText, date] pairs.
 */
import { expect } from "vitest";
import { extractDates } from "../../../src/extract/dates/index.ts";
import { articleText } from "../../support/articles.ts";

/** [dateText, date] for every expression found, in text order. */
function dates(text: string, published: string): [string, string][] {
  return extractDates(articleText(text, { published })).map((d) => [d.dateText, d.date]);
}

/** The text of every expression found, in text order. */
export function dateTexts(text: string, published = "2025-02"): string[] {
  return extractDates(articleText(text, { published })).map((d) => d.dateText);
}

/** The text holds exactly one date expression: `expected`, as [dateText, date]. */
export function testSingleCase(text: string, published: string, expected: [dateText: string, date: string]): void {
  testCases(text, published, [expected]);
}

/** The text holds exactly these date expressions, in text order, as [dateText, date]. */
export function testCases(text: string, published: string, expected: [dateText: string, date: string][]): void {
  expect(dates(text, published), text).toEqual(expected);
}

/** The text holds no date expression. */
export function testUnexpectedResult(text: string, published = "2025-02"): void {
  expect(dateTexts(text, published), text).toEqual([]);
}
