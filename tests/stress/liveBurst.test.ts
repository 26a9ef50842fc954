// Issue 18's stress requirement, on the real bot against the fake Discord: a live corpus of 2,000 articles (real
// news text from ../shared/bench-corpus, read at test time, or generated where it is absent), into which a 5 MB
// article and a 300 KB paragraph of dates are dropped while 200 members ask questions. No interaction may miss
// Discord's 3 s (10062), and answers stay fast (p99 under 1 s) while the corpus is updated.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeBenchCorpus } from "../../src/bench/corpus.ts";
import { FakeDiscord, user, type FakeInteraction } from "../e2e/fakeDiscord.ts";
import { botEnv, FAKE_TOKEN, run, stop, tempDataDir, WARM_WORKER, type Spawned } from "../e2e/harness.ts";
import { APP_ID } from "../e2e/fakeDiscord.ts";
import { datesParagraph } from "../extract/fixtures.ts";
import { ROOT, tempDir } from "../support/files.ts";

type Json = Record<string, unknown>;
const ARTICLES = 2000;
const ASKING = 200;

let fake: FakeDiscord;
let bot: Spawned;
let corpus: string;

beforeAll(async () => {
  corpus = tempDir("newsdesk-stress-");
  writeBenchCorpus(corpus, ARTICLES, path.join(ROOT, "../shared/bench-corpus"));
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatMs: 5000 }).start();
  bot = run(
    "src/main.ts",
    botEnv({ ...WARM_WORKER, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APP_ID, DISCORD_API_BASE: fake.apiBase, CORPUS_DIR: corpus, DATA_DIR: tempDataDir(), CORPUS_DEBOUNCE_MS: "200", LOG_LEVEL: process.env.STRESS_LOG_LEVEL ?? "info" }),
  );
  // A cold start: 2,000 articles extracted on worker threads first.
  await fake.waitFor(() => bot.stderr().includes("connected to Discord"), 240_000, "the bot to start").catch((err: Error) => {
    throw new Error(`${err.message}\n${bot.stderr().slice(-3000)}`);
  });
}, 250_000);

afterAll(async () => {
  if (bot) await stop(bot);
  if (process.env.STRESS_LOG) writeFileSync(process.env.STRESS_LOG, bot?.stderr() ?? "");
  await fake?.stop();
});

const str = (name: string, value: string): Json => ({ name, type: 3, value });
const QUESTIONS: [string, Json[]][] = [
  ["who", [str("name", "Tony Blair")]],
  ["when", [str("event", "interest rates rise")]],
  ["quote", [str("text", "the economy")]],
  ["search", [str("query", "oil prices")]],
  ["who", [str("name", "Gordon Brown")]],
  ["when", [str("event", "council met")]],
];

/**
 * A long article of news paragraphs, each different (normalisation drops lines repeated as boilerplate): five times
 * the 1,000,000 characters that are read of one.
 */
function bigArticle(): string {
  const paragraphs: string[] = [];
  for (let n = 0, length = 0; length < 5_000_000; n++) {
    const p = `Minister Alma Rendell, who chairs committee ${n}, said on May ${1 + (n % 28)}, ${1990 + (n % 30)} that ${n} bridges would be rebuilt. "We will not wait for bridge ${n}," Rendell said.\n\n`;
    paragraphs.push(p);
    length += p.length;
  }
  return paragraphs.join("");
}

const front = (title: string) => `---\ntitle: "${title}"\noutlet: "Stress Wire"\npublished: "2025-06-01"\n---\n`;
const answeredAt = (i: FakeInteraction): number | undefined =>
  i.ack?.type === 5 ? i.responses.find((r) => r.kind === "edit" && r.status === 200)?.at : i.ack?.type === 4 ? i.ack.at : undefined;

it(`a 5 MB article and a 300 KB paragraph of dates dropped in while ${ASKING}+ members ask: no 10062, answers' p99 under 1 s`, async () => {
  writeFileSync(path.join(corpus, "zz-huge-report.md"), front("A huge report") + bigArticle());
  writeFileSync(path.join(corpus, "zz-dates.md"), front("Council dates") + datesParagraph(300_000));
  const reloaded = (id: string) => bot.stderr().split("\n").find((l) => l.includes("corpus reloaded") && l.includes(`"${id}"`));
  // Members keep asking, 25 a second, until both articles are in (at least ASKING of them; at most 90 s).
  const asked: FakeInteraction[] = [];
  for (let n = 0; n < ASKING || !(reloaded("zz-dates") && reloaded("zz-huge-report")); n++) {
    if (n >= 25 * 90) throw new Error(`the articles were not added within 90 s\n${bot.stderr().slice(-4000)}`);
    const [command, options] = QUESTIONS[n % QUESTIONS.length] as [string, Json[]];
    asked.push(fake.command(command, options, user((800000000000000000n + BigInt(n)).toString(), `member${n}`)));
    await new Promise((r) => setTimeout(r, 40));
  }
  await fake.waitFor(() => asked.every((i) => answeredAt(i) !== undefined) || undefined, 60_000, "every answer");
  const log = bot.stderr();
  // Each update ran while members were asking: questions kept arriving between its start and its end (one every
  // 40 ms is sent; at least one per 80 ms of the update is asked of it, so a fast update is not a failure).
  for (const id of ["zz-dates", "zz-huge-report"]) {
    const update = JSON.parse(reloaded(id) as string) as { time: number; ms: number };
    const during = asked.filter((i) => i.dispatchedAt >= update.time - update.ms && i.dispatchedAt <= update.time);
    const expected = Math.max(1, Math.floor(update.ms / 80));
    expect(during.length, `questions asked during the ${update.ms} ms while ${id} was added`).toBeGreaterThanOrEqual(expected);
  }
  expect(fake.errors.filter((e) => e.code === 10062)).toEqual([]);
  expect(fake.errors).toEqual([]);
  const latencies = asked.map((i) => (answeredAt(i) as number) - i.dispatchedAt).sort((a, b) => a - b);
  const p99 = latencies[Math.ceil(0.99 * latencies.length) - 1] as number;
  expect(p99, `answer latencies (ms) of ${latencies.length}: ${latencies.join(" ")}`).toBeLessThan(1000);
  // The huge article was cut, with one log line naming it; the paragraph of dates is answerable.
  expect(log.match(/zz-huge-report: only the first 1,000,000 of its [\d,]+ characters are read/g)).toHaveLength(1);
  const council = fake.command("when", [str("event", "council met")], user("900000000000000001", "late"));
  await fake.waitFor(() => answeredAt(council), 10_000, "a late answer");
  expect(JSON.stringify(council.original)).toContain("Council dates");
  process.stdout.write(`live burst: ${latencies.length} answers, p50 ${latencies[Math.floor(latencies.length / 2)]} ms, p99 ${p99} ms, max ${latencies.at(-1)} ms\n`);
}, 240_000);
