// Front matter is parsed by parsers loaded on the first file, or ahead by a running bot (preloadParsers): both
// must read a file the same way and refuse the same bad ones.
import { describe, expect, it, vi } from "vitest";
import type * as FrontMatter from "../../src/corpus/frontMatter.ts";

const SOURCE = `---\ntitle: "Harbour council votes"\noutlet: "Port Gazette"\npublished: 2025-02-07\n---\nThe council voted on Monday.\n`;

async function freshModule(): Promise<typeof FrontMatter> {
  vi.resetModules();
  return import("../../src/corpus/frontMatter.ts");
}

describe("front matter parsers", () => {
  it("read a file the same whether loaded on the first file or ahead of it", async () => {
    const onFirstFile = (await freshModule()).parseArticleFile(SOURCE);
    expect(onFirstFile.meta).toEqual({ title: "Harbour council votes", outlet: "Port Gazette", published: "2025-02-07" });
    expect(onFirstFile.body).toBe("The council voted on Monday.\n");
    const ahead = await freshModule();
    await Promise.all([ahead.preloadParsers(), ahead.preloadParsers()]);
    expect(ahead.parseArticleFile(SOURCE)).toEqual(onFirstFile);
    expect(() => ahead.parseArticleFile("---\ntitle: [\n---\nbody")).toThrow(ahead.FrontMatterError);
    expect(() => ahead.parseArticleFile("---\ntitle: A\noutlet: B\npublished: 2025-13-01\n---\nbody")).toThrow(/published/);
  });
});
