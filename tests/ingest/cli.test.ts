// `npm run ingest` end to end: the real script in a child process, against the local server, into a temp corpus.
import { execFile } from "node:child_process";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticleFile } from "../../src/corpus/load.ts";
import { ROOT, tempDir } from "../support/files.ts";
import { LOCAL_HOSTS, send, startServer, type TestServer } from "../support/httpServer.ts";
import { atomFeed, storyPage } from "../support/newsSite.ts";

const run = promisify(execFile);
// `npm run ingest -- ...` as its npm script runs it: `node src/launch.mjs` (compiled ahead of time; through tsx, a start
// costs about 1 s more CPU).
const ingest = (...args: string[]) =>
  run(process.execPath, ["src/launch.mjs", "src/cli/ingest.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", FEEDS_ALLOW_HOSTS: LOCAL_HOSTS.join(",") },
  });

type Run = PromiseSettledResult<{ stdout: string; stderr: string }>;

let server: TestServer;
let corpus: string;
let feedRun: Run, pageRun: Run, brokenRun: Run;

beforeAll(async () => {
  server = await startServer();
  corpus = tempDir("ingest-cli-");
  const b = server.base;
  server.route("/feed.atom", send("application/atom+xml", atomFeed("CLI Weekly", [
    { title: "The scheduler gets a rewrite", link: `${b}/s/one`, published: "2025-03-04T10:00:00Z" },
    { title: "Gone before we got there", link: `${b}/s/missing`, published: "2025-03-05T10:00:00Z" },
    { title: "Drivers in a safer language", link: `${b}/s/two`, published: "2025-03-06T10:00:00Z" },
  ])));
  server.route("/s/one", send("text/html", storyPage("The scheduler gets a rewrite", "the scheduler rewrite")));
  server.route("/s/two", send("text/html", storyPage("Drivers in a safer language", "the driver work")));
  server.route(
    "/page",
    send("text/html", storyPage("A page on its own", "the standalone patch", { siteName: "Standalone Times" })),
  );
  server.route("/broken.xml", send("application/rss+xml", "<rss><channel><item></rss>"));
  // Each run is a fresh process (about a second to start); running them side by side keeps the test short.
  [feedRun, pageRun, brokenRun] = await Promise.allSettled([
    ingest(`${b}/feed.atom`, "--corpus", corpus),
    ingest(`${b}/page`, "--corpus", corpus),
    ingest(`${b}/broken.xml`, "--corpus", corpus),
  ]);
});

afterAll(async () => {
  await server?.close();
  await rm(corpus, { recursive: true, force: true });
});

describe("npm run ingest", () => {
  it("ingests a feed, printing one line per file written and per item skipped", async () => {
    expect(feedRun.status).toBe("fulfilled");
    const stdout = feedRun.status === "fulfilled" ? feedRun.value.stdout : "";
    expect(stdout.trim().split("\n")).toEqual([
      `wrote ${path.join(corpus, "the-scheduler-gets-a-rewrite.md")}  (The scheduler gets a rewrite)`,
      `skipped ${server.base}/s/missing: HTTP 404`,
      `wrote ${path.join(corpus, "drivers-in-a-safer-language.md")}  (Drivers in a safer language)`,
    ]);
  });

  it("ingests a single page, and reports a broken feed with its URL and exit code 1", async () => {
    const [page, broken] = [pageRun, brokenRun];
    expect(page.status === "fulfilled" && page.value.stdout).toBe(`wrote ${path.join(corpus, "a-page-on-its-own.md")}  (A page on its own)\n`);
    expect(broken).toMatchObject({ status: "rejected", reason: { code: 1, stderr: expect.stringContaining(`feed ${server.base}/broken.xml: malformed XML at line 1`) } });

    const names = (await readdir(corpus)).sort();
    expect(names).toEqual(["a-page-on-its-own.md", "drivers-in-a-safer-language.md", "the-scheduler-gets-a-rewrite.md"]);
    const page1 = await loadArticleFile(path.join(corpus, "a-page-on-its-own.md"));
    expect(page1).toMatchObject({ meta: { title: "A page on its own", outlet: "Standalone Times", url: `${server.base}/page` } });
    const feedArticle = await loadArticleFile(path.join(corpus, "the-scheduler-gets-a-rewrite.md"));
    expect(feedArticle).toMatchObject({ meta: { outlet: "CLI Weekly", published: "2025-03-04" } });
  });
});
