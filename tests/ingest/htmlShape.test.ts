// Pages too large a tree to read are refused before jsdom and Readability see them; ordinary pages, including sloppy
// markup (unclosed paragraphs, tags inside scripts and comments), are not.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/ingest/context.ts";
import { htmlTooComplex } from "../../src/ingest/htmlShape.ts";
import { ingestPage } from "../../src/ingest/ingestPage.ts";
import { tempDir } from "../support/files.ts";
import { storyPage } from "../support/newsSite.ts";

let dir: string;
beforeAll(async () => {
  dir = tempDir("ingest-shape-");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const nested = (n: number, tag = "div") => `<html><body>${`<${tag}>`.repeat(n)}text${`</${tag}>`.repeat(n)}</body></html>`;
const page = (html: string) => ({ url: "https://news.example/deep", status: 200, notModified: false, contentType: "text/html", body: Buffer.from(html) });

describe("a page too large a tree to read", () => {
  it("of 200,000 nested elements is skipped for good with the reason, before any DOM is built", async () => {
    const ctx = createContext(path.join(dir, "corpus"));
    // Without the check this takes minutes of CPU in jsdom and Readability (and overflows jsdom's stack).
    const outcome = await ingestPage({ link: "https://news.example/deep", title: "Deep" }, ctx, page(nested(200_000)));
    expect(outcome).toMatchObject({ kind: "skipped", reason: "the page nests elements more than 128 deep", retry: false });
  });

  it("of more than 20,000 elements is skipped too", () => {
    expect(htmlTooComplex(`<body>${"<span>x</span>".repeat(20_001)}</body>`)).toBe("the page has more than 20,000 elements");
  });
});

describe("negative cases: pages that are read", () => {
  it.each([
    ["a news page", storyPage("A story", "the patch")],
    ["15,000 paragraphs without end tags", `<body>${"<p>para ".repeat(15_000)}</body>`],
    ["lists nested 60 deep", `<ul>${"<li><ul>".repeat(60)}x${"</ul></li>".repeat(60)}</ul>`],
    ["a table of 2,000 rows without end tags", `<table>${"<tr><td>a<td>b".repeat(2_000)}</table>`],
    ["tags inside a script", `<script>${"if (a<b) { s = '<div><div><div>'; }\n".repeat(20_000)}</script><p>ok</p>`],
    ["tags inside a comment", `<!-- ${"<div>".repeat(50_000)} --><p>ok</p>`],
    ["128 nested elements", nested(128)],
    ["self-closed elements", `<svg>${"<path d='M0 0'/>".repeat(10_000)}</svg>`],
  ])("%s", (_what, html) => {
    expect(htmlTooComplex(html)).toBeUndefined();
  });
});
