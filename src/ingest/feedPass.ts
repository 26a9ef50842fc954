// One pass over one feed: a conditional GET, the new items, each item's page. Feed-level problems (unreachable,
// not a feed, malformed XML) are thrown for the caller to back off; item-level problems become outcomes.
import { decodeBody } from "./charset.ts";
import { contentKind } from "./contentKind.ts";
import type { IngestContext } from "./context.ts";
import type { FeedSource } from "./feedList.ts";
import { parseFeed, type FeedItem } from "./feedParse.ts";
import { FetchFault, fetchLimited, type Fetched } from "./http.ts";
import { ingestPage, type PageOutcome } from "./ingestPage.ts";
import { matchesKeywords } from "./keywords.ts";
import { itemRetryDelay, MAX_ITEM_ATTEMPTS } from "./backoff.ts";
import type { ItemRecord, PendingItem, StateStore } from "./state.ts";
import { titleKey, urlKey } from "./storyKeys.ts";

export interface FeedPassResult {
  feed: string;
  /** The feed's title (the outlet of its articles); absent on a 304. */
  title?: string;
  /** The server answered 304: nothing new (only earlier temporary failures were retried). */
  notModified: boolean;
  outcomes: PageOutcome[];
  /** A new feed's items recorded as seen without being downloaded (see `skipExisting`). */
  seen?: number;
}

export interface FeedPassOptions {
  /** Remembers validators and item outcomes across passes; without it every listed item is considered. */
  store?: StateStore;
  /** The feed response, when the caller already downloaded it (the CLI does, to tell a feed from a page). */
  prefetched?: Fetched;
  /** Called as each item is settled, so a written file is announced without waiting for the whole feed. */
  onOutcome?: (outcome: PageOutcome) => void;
  /**
   * With a store: the first time a feed is read, the items it lists count as seen and none is downloaded, as the
   * corpus counts as announced at the bot's first start (FEEDS_INGEST_EXISTING=true turns this off).
   */
  skipExisting?: boolean;
}

export const ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

export async function runFeedPass(source: FeedSource, ctx: IngestContext, options: FeedPassOptions = {}): Promise<FeedPassResult> {
  const { store } = options;
  const record = store?.feed(source.url);
  await ctx.index.refresh();
  const response =
    options.prefetched ??
    (await fetchLimited(
      source.url,
      { accept: ACCEPT_FEED, ...(record?.etag && { etag: record.etag }), ...(record?.lastModified && { lastModified: record.lastModified }) },
      ctx.limits,
      ctx.signal,
    ));

  let items: FeedItem[] = [];
  let title: string | undefined;
  if (!response.notModified) {
    const xml = decodeBody(response.body, response.contentType);
    if (contentKind(response.contentType, xml) === "html")
      throw new FetchFault("not-feed", `feed ${source.url}: not an RSS or Atom feed (the server sent an HTML page)`, false);
    const feed = parseFeed(xml, source.url);
    items = feed.items;
    title = feed.title || undefined;
    // Validators are kept only once the feed parsed: a broken feed must be fetched in full again, not answered 304.
    if (record) {
      if (title) record.title = title;
      if (response.etag) record.etag = response.etag;
      else delete record.etag;
      if (response.lastModified) record.lastModified = response.lastModified;
      else delete record.lastModified;
    }
  }

  // On a 304 the feed's title is not in hand, but retried items still need it as their outlet.
  const outlet = title ?? record?.title;
  const now = ctx.now().getTime();
  if (store && record && !response.notModified && record.since === undefined) {
    const isNew = !Object.values(store.state.items).some((i) => i.feed === source.url);
    record.since = now;
    if (isNew && options.skipExisting) {
      const seen = markSeen(items, source.url, store, now);
      await store.save(now);
      return { feed: source.url, ...(title && { title }), notModified: false, outcomes: [], seen };
    }
  }
  const work = store ? pendingWork(items, source.url, store, now) : items.map((item) => workOf(itemKey(item), item));
  const outcomes: PageOutcome[] = [];
  for (const { key, item, title: noLinkTitle } of work) {
    if (ctx.signal?.aborted) break;
    const outcome = item
      ? await ingestPage(
          {
            link: item.link,
            ...(item.title && { title: item.title }),
            ...(item.date && { date: item.date }),
            ...(outlet && { outlet }),
            ...(item.author && { author: item.author }),
            // Items whose title and summary already mention a keyword are kept whatever the article says.
            ...(!matchesKeywords(item.searchText ?? "", source.keywords) && { keywords: source.keywords }),
          },
          ctx,
        )
      : ({ kind: "skipped", link: source.url, ...(noLinkTitle && { title: noLinkTitle }), reason: `item "${noLinkTitle ?? "?"}" has no link`, retry: false } as const);
    // A download cut short by stop() says nothing about the item: leave it for the next run.
    if (ctx.signal?.aborted && outcome.kind === "skipped") break;
    if (store && key) remember(store, key, source.url, item, outcome, now);
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }
  if (store) await store.save(now);
  return { feed: source.url, ...(title && { title }), notModified: response.notModified, outcomes };
}

interface Work {
  key?: string;
  /** Absent when the feed item has no link; `title` then names it in the report. */
  item?: PendingItem;
  title?: string;
}

function workOf(key: string | undefined, item: FeedItem): Work {
  const pending = toPending(item);
  return { ...(key && { key }), ...(pending ? { item: pending } : { title: item.title }) };
}

/** The feed's items not yet settled, plus earlier temporary failures of this feed now due again. */
function pendingWork(items: FeedItem[], feed: string, store: StateStore, now: number): Work[] {
  const work: Work[] = [];
  const listed = new Set<string>();
  for (const item of items) {
    const key = itemKey(item);
    if (!key) continue;
    listed.add(key);
    const seen = store.state.items[key];
    if (seen) {
      seen.lastSeenAt = now;
      if (seen.status !== "retry" || (seen.nextAttemptAt ?? 0) > now) continue;
    }
    work.push(workOf(key, item));
  }
  for (const [key, seen] of Object.entries(store.state.items)) {
    if (listed.has(key) || seen.feed !== feed || seen.status !== "retry" || !seen.item) continue;
    if ((seen.nextAttemptAt ?? 0) <= now) work.push({ key, item: seen.item });
  }
  return work;
}

function remember(store: StateStore, key: string, feed: string, item: PendingItem | undefined, outcome: PageOutcome, now: number): void {
  const previous = store.state.items[key];
  const attempts = (previous?.attempts ?? 0) + 1;
  let record: ItemRecord;
  if (outcome.kind !== "skipped") record = { status: "done", attempts, lastSeenAt: now, feed };
  else if (!outcome.retry) record = { status: "failed", reason: outcome.reason, attempts, lastSeenAt: now, feed };
  else if (attempts >= MAX_ITEM_ATTEMPTS)
    record = { status: "failed", reason: `gave up after ${attempts} attempts: ${outcome.reason}`, attempts, lastSeenAt: now, feed };
  else record = { status: "retry", reason: outcome.reason, attempts, nextAttemptAt: now + itemRetryDelay(attempts), lastSeenAt: now, feed, ...(item && { item }) };
  store.state.items[key] = record;
}

/** Records every listed item as settled without downloading it; returns how many. */
function markSeen(items: FeedItem[], feed: string, store: StateStore, now: number): number {
  let seen = 0;
  for (const item of items) {
    const key = itemKey(item);
    if (!key || store.state.items[key]) continue;
    store.state.items[key] = { status: "done", reason: "listed when the feed was first read", attempts: 0, lastSeenAt: now, feed };
    seen += 1;
  }
  return seen;
}

/** One key per item across feeds: its link (as a story key), else its guid/id, else its title. */
function itemKey(item: FeedItem): string | undefined {
  const link = item.link ? urlKey(item.link) : undefined;
  if (link) return `url:${link}`;
  if (item.id) return `id:${item.id}`;
  const title = titleKey(item.title);
  return title ? `title:${title}` : undefined;
}

function toPending(item: FeedItem): PendingItem | undefined {
  if (!item.link) return undefined;
  const pending: PendingItem = { link: item.link };
  if (item.title) pending.title = item.title;
  if (item.date) pending.date = item.date;
  if (item.author) pending.author = item.author;
  if (item.searchText) pending.searchText = item.searchText;
  return pending;
}
