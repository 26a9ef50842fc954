import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CorpusError, loadCorpus } from "../../src/corpus/load.ts";
import { log } from "../../src/log.ts";
import { articleFile } from "../support/articles.ts";
import { SEED_CORPUS, tempDir } from "../support/files.ts";


describe("loading the seed corpus", () => {
  it("loads all five articles with their metadata and non-empty text", async () => {
    const { articles, skipped } = await loadCorpus(SEED_CORPUS);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(5);
    for (const a of articles) {
      expect(a.meta.title.length).toBeGreaterThan(10);
      expect(a.meta.outlet).not.toBe("");
      expect(a.meta.published).toMatch(/^\d{4}-\d{2}$/);
      expect(a.text.trim().length).toBeGreaterThan(1000);
      expect(a.id).toBe(path.basename(a.file, ".md"));
    }
    expect(articles.map((a) => a.meta.title)).toContain("Rust Goes Mainstream in the Linux Kernel");
  });

  it("normalises U+2011 hyphens, curly quotes and markdown links but keeps the body as received", async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    const all = articles.map((a) => a.text).join("\n");
    expect(all).not.toMatch(/[\u2011\u201C\u201D\u2018\u2019]/);
    expect(articles.map((a) => a.body).join("\n")).toMatch(/[\u2011\u201C\u201D]/);
    expect(all).toContain("Greg Kroah-Hartman");
    expect(all).not.toMatch(/\]\(https?:/);
    expect(all).toContain("Dan Williams, senior principal engineer");
    expect(all).toContain('"No rust code in kernel/dma, please."');
  });

  it("drops boilerplate lines and keeps the article's sentences", async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    const all = articles.map((a) => a.text).join("\n");
    for (const chrome of ["Sign in to rate", "Subscribe to our YouTube", "0 Comments", "min read", "Wait 5 sec", "appeared first on"])
      expect(all).not.toContain(chrome);
    expect(all).toContain("Torvalds defended the kernel development process");
  });

  it("maps normalised offsets back to the original body", async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    for (const a of articles) {
      const at = a.text.indexOf("Torvalds");
      if (at < 0) continue;
      const from = a.toOriginal(at);
      expect(a.body.slice(from, from + "Torvalds".length)).toBe("Torvalds");
    }
  });
});

describe("bad files never stop the load", () => {
  let dir: string;
  const good = articleFile({ title: "A good article", outlet: "Example News", published: "2024-05-01", body: "A sentence." });
  beforeEach(async () => {
    dir = tempDir("corpus-");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  const cases: [string, string | Buffer, RegExp][] = [
    ["no-front-matter.md", "Just a body.\n", /no front matter/],
    ["bad-yaml.md", '---\ntitle: "unclosed\noutlet: x\n---\nBody.\n', /invalid YAML/],
    ["no-title.md", '---\noutlet: "X"\npublished: "2024"\n---\nBody.\n', /title/],
    ["bad-date.md", '---\ntitle: "T"\noutlet: "X"\npublished: "May 2024"\n---\nBody.\n', /published must be/],
    ["bad-url.md", '---\ntitle: "T"\noutlet: "X"\npublished: "2024"\nurl: "not a url"\n---\nBody.\n', /url/],
    ["empty-body.md", '---\ntitle: "T"\noutlet: "X"\npublished: "2024"\n---\n  \n\n', /empty body/],
    ["latin1.md", Buffer.from('---\ntitle: "T"\noutlet: "X"\npublished: "2024"\n---\nCaf\xe9 au lait.\n', "latin1"), /not valid UTF-8/],
    ["notes.txt", "plain text", /not a \.md file/],
  ];

  it.each(cases)("skips %s with one log line naming it", async (name, content, problem) => {
    await writeFile(path.join(dir, "good.md"), good);
    await writeFile(path.join(dir, name), content);
    const warn = vi.spyOn(log, "warn");
    const { articles, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(["good"]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.file).toBe(path.join(dir, name));
    expect(skipped[0]?.problem).toMatch(problem);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[1])).toContain(name);
  });

  it("skips a duplicate id and an unreadable entry", async () => {
    await writeFile(path.join(dir, "good.md"), good);
    await writeFile(path.join(dir, "good.MD"), good);
    await symlink(path.join(dir, "missing-target.md"), path.join(dir, "dangling.md"));
    await mkdir(path.join(dir, "folder.md"));
    const { articles, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(["good"]);
    const problems = Object.fromEntries(skipped.map((s) => [path.basename(s.file), s.problem]));
    const duplicate = skipped.find((s) => /^good\.md$/i.test(path.basename(s.file)));
    expect(duplicate?.problem).toMatch(/duplicate article id "good"/);
    expect(problems["dangling.md"]).toMatch(/unreadable/);
    expect(problems["folder.md"]).toMatch(/not a regular file/);
  });

  it("accepts unquoted YAML dates and years", async () => {
    await writeFile(path.join(dir, "a.md"), "---\ntitle: A\noutlet: X\npublished: 2024-05-01\n---\nBody.\n");
    await writeFile(path.join(dir, "b.md"), "---\ntitle: B\noutlet: X\npublished: 2024\n---\nBody.\n");
    const { articles } = await loadCorpus(dir);
    expect(articles.map((a) => a.meta.published)).toEqual(["2024-05-01", "2024"]);
  });

  it("fails clearly, naming the path, when the directory is missing or empty", async () => {
    await expect(loadCorpus(path.join(dir, "nope"))).rejects.toThrow(CorpusError);
    await expect(loadCorpus(path.join(dir, "nope"))).rejects.toThrow(path.join(dir, "nope"));
    await expect(loadCorpus(dir)).rejects.toThrow(/is empty/);
  });
});
