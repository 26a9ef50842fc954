// A child process that rewrites every kind of state file the bot keeps, as fast as it can, until it is killed:
// the announcement record (large, so each write takes a while), the digest rotation and the feed state. Run by
// tests/e2e/atomicWrites.test.ts, which SIGKILLs it at random moments and checks that every file still loads.
// Usage: node --import tsx tests/e2e/writeHammer.ts DATA_DIR
import path from "node:path";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { DigestRotation } from "../../src/digest/rotation.ts";
import { StateStore } from "../../src/ingest/state.ts";
import type { KbQuote } from "../../src/kb/types.ts";

const dir = process.argv[2] as string;
const said = new Set<string>();
/** Said once per file, after its first write is complete: from then on the file must load whenever the kill comes. */
function wrote(name: string): void {
  if (said.has(name)) return;
  said.add(name);
  process.stdout.write(`wrote ${name}\n`);
}
const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(10);

async function record(): Promise<never> {
  const r = await AnnouncementRecord.open(path.join(dir, "announcements.json"));
  for (let n = 0; ; n++) {
    const messages = Array.from({ length: 40 }, (_, i) => ({ channel: String(700000000000000000 + i), label: `article a${n}`, embed: { title: `Story ${n}`, description: filler } }));
    await r.announce([`a${n}`], messages);
    wrote("announcements.json");
    const queue = r.queue();
    if (queue.length > 400) for (const m of queue.slice(0, 40)) await r.remove(m.id);
  }
}

async function digest(): Promise<never> {
  const d = await DigestRotation.open(path.join(dir, "digest.json"));
  const quotes = Array.from({ length: 2000 }, (_, i) => ({ article: `a${i}`, text: `quote ${i} ${filler}`, speaker: "Someone" }) as unknown as KbQuote);
  for (;;) {
    await d.next(quotes);
    wrote("digest.json");
  }
}

async function feeds(): Promise<never> {
  const store = StateStore.inDataDir(dir);
  await store.load();
  for (let n = 0; ; n++) {
    store.state.items[`https://example.org/${n}`] = { status: "done", attempts: 1, lastSeenAt: Date.now(), feed: "https://example.org/feed" };
    store.feed("https://example.org/feed").failures = n % 3;
    await store.save(Date.now());
    wrote("feeds-state.json");
  }
}

let started = 0;
for (const run of [record, digest, feeds]) {
  void run().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
  started += 1;
}
setTimeout(() => process.stdout.write(`writing ${started}\n`), 50);
