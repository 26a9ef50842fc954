// One post per story: copies found by their text (retitled, re-dated, cut short, with an outlet's own lines), not
// by title or URL; distinct stories on one subject, template reports and short items kept apart; and the announcer
// editing "also reported by" into the story's announcement instead of posting the copy.
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Announcer } from "../../src/announce/announcer.ts";
import { AnnouncementRecord } from "../../src/announce/record.ts";
import { dayOf, likeness, oneStory, shingles, StoryWindow } from "../../src/announce/sameStory.ts";
import type { SendMessage, SendOptions } from "../../src/announce/sender.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import type { KbArticle, KnowledgeBase } from "../../src/kb/types.ts";
import type { Logger } from "../../src/log.ts";
import { tempDir } from "../support/files.ts";
import { EventTable } from "../../src/kb/eventTable.ts";

// A story of about 180 words, and another on the same subject.
const STORY = `The city council of Harbour City voted on Tuesday to build a second tram line along the eastern waterfront, after a debate that lasted almost six hours. The line will run for eleven kilometres from the ferry terminal to the university campus, with fourteen stops, and is expected to carry forty thousand passengers a day once it opens in 2029. Construction will begin next spring, once the last land purchases near the old shipyard are complete. The council's transport committee said the route was chosen over a tunnel because it would cost less than half as much and could be built in stages. Residents of the waterfront district had asked for a quieter design, and the committee agreed to use grassed track beds along the park. Opposition members said the budget of 840 million left no room for overruns and asked for an independent review every six months, which the mayor accepted. The first trams will be ordered this autumn from a manufacturer chosen by open tender.`;
const OTHER = `The city council of Harbour City will decide next month whether to extend the ferry service to the northern islands, a plan that has divided residents for years. The ferry operator wants to add two boats and a night service, paid for by a fare rise of ten percent, while islanders ask for a subsidy instead. The transport committee said it had received more than three thousand letters on the plan, most of them against the fare rise. A study published last week found that the night service would be used by about four hundred people a night in summer and fewer than a hundred in winter. The mayor said she would not support a subsidy without a review of the operator's accounts, and opposition members called for the service to be taken back into public hands. The council's vote is expected on the twelfth, after a public hearing at the town hall that is open to all.`;

const set = (text: string) => shingles(text);

describe("the same story, by its text", () => {
  it("a copy retitled and re-dated, cut short, or with an outlet's lead and footer is one story", () => {
    const footer = " Follow us for more news from the coast. Copyright 2025 Coast Wire, all rights reserved.";
    for (const copy of [STORY, STORY.slice(0, Math.floor(STORY.length * 0.6)), `HARBOUR CITY (Coast Wire) - ${STORY}${footer}`]) {
      expect(oneStory(likeness(set(STORY), set(copy))), copy.slice(0, 40)).toBe(true);
    }
  });

  it("another story on the same subject, by the same council, is not", () => {
    expect(oneStory(likeness(set(STORY), set(OTHER)))).toBe(false);
  });

  it("short items, and articles published days apart, must be near copies", () => {
    const short = "The council voted on Tuesday to build a second tram line along the eastern waterfront after a long debate that lasted almost six hours and ended late.";
    expect(oneStory(likeness(set(short), set(short.replace("Tuesday", "Wednesday"))))).toBe(false);
    const edited = STORY.replace("six hours", "seven hours").replace("fourteen stops", "fifteen stops").replace("this autumn", "in the autumn");
    const l = likeness(set(STORY), set(edited));
    expect(oneStory(l, 0)).toBe(true);
    expect(oneStory(l, 5)).toBe(l.resemblance >= 0.9);
    expect(dayOf("2025-12-10")! - dayOf("2025-12-08")!).toBe(2);
    expect(dayOf("2025-12")).toBeUndefined();
  });

  it("phrases other recent stories share (a template, an outlet's boilerplate) do not count", () => {
    const template = (company: string, amount: string, bank: string) =>
      `${company} is issuing a ${amount} mln dlr equity warrant eurobond due April 27, 1992 paying an indicated coupon of 2-1/4 pct and priced at par, lead manager Daiwa Europe Ltd said. The issue is guaranteed by ${bank} and final terms will be set on April 9. The issue is available in denominations of 5,000 dlrs and will be listed in Luxembourg. The selling concession is 1-1/2 pct while management and underwriting combined pays 3/4 pct. The payment date is April 27.`;
    const window = new StoryWindow();
    window.add("a", set(template("Tokyo Optical Co Ltd", "40", "Mitsui Bank Ltd")));
    window.add("b", set(template("Nippon Kokan KK", "100", "Fuji Bank Ltd")));
    expect(window.find(set(template("Keihanshin Real Estate Co Ltd", "25", "Sumitomo Bank Ltd")))).toBeUndefined();
    // A story of its own in the same window is found as before.
    window.add("c", set(STORY));
    expect(window.find(set(`HARBOUR CITY (Coast Wire) - ${STORY}`))?.id).toBe("c");
  });
});

const article = (id: string, title: string, outlet: string, text: string, published = "2025-12-10"): KbArticle => ({ id, title, outlet, published, url: `https://${outlet.toLowerCase().replace(/ /g, "")}.example/${id}`, sentences: splitSentences(text) });
const kbOf = (...articles: KbArticle[]): KnowledgeBase => ({ articles, people: [], quotes: [], fragments: [], events: EventTable.of([]) });
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as Logger;
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 5 });

describe("the announcer, one post per story", () => {
  async function setup() {
    const sent: { channel: string; title?: string; fields: string[]; options?: SendOptions }[] = [];
    const send: SendMessage = async (channel, embed, _nonce, options) => {
      sent.push({ channel, ...(embed.title && { title: embed.title }), fields: (embed.fields ?? []).map((f) => `${f.name}: ${f.value}`), ...(options && { options }) });
      return { ok: true, id: options?.edit ?? `m${sent.length}` };
    };
    const record = await AnnouncementRecord.open(path.join(tempDir("stories-test-"), "announcements.json"));
    const a = new Announcer(record, send, { channels: ["1"], retryMs: 10, log });
    const stories: string[][] = [];
    a.onAnnounced((_kb, ids) => void stories.push(ids));
    await a.begin(kbOf(), false);
    return { a, sent, record, stories };
  }
  const story = article("tram-wire", "Council backs second tram line", "Harbour Herald", STORY);
  const copy = article("tram-coast", "Waterfront trams approved after six-hour debate", "Coast Wire", `HARBOUR CITY (Coast Wire) - ${STORY}`, "2025-12-11");
  const other = article("ferry", "Ferry plan divides islanders", "Harbour Herald", OTHER);

  it("a copy from another outlet is not posted: the story's announcement is edited to say it was also reported there", async () => {
    const { a, sent, record, stories } = await setup();
    a.resume();
    await a.announceArticles(kbOf(story, other), ["tram-wire", "ferry"]);
    await until(() => sent.length === 2);
    await a.announceArticles(kbOf(story, other, copy), ["tram-coast"]);
    await until(() => sent.length === 3);
    const edit = sent[2];
    expect(edit?.options?.edit).toBe(record.postedFor("tram-wire")["1"]);
    expect(edit?.title).toBe("Council backs second tram line");
    expect(edit?.fields).toContain("Also reported by: *Coast Wire*: [Waterfront trams approved after six-hour debate](https://coastwire.example/tram-coast)");
    expect(record.isAnnounced("tram-coast")).toBe(true);
    expect(stories).toEqual([["tram-wire", "ferry"]]);
    await a.stop();
  });

  it("a copy arriving before the story went out changes the queued announcement; copies in one batch make one post", async () => {
    const { a, sent } = await setup();
    await a.announceArticles(kbOf(story), ["tram-wire"]);
    await a.announceArticles(kbOf(story, copy), ["tram-coast"]);
    a.resume();
    await until(() => sent.length === 1);
    expect(sent[0]?.fields.some((f) => f.startsWith("Also reported by: *Coast Wire*"))).toBe(true);
    const { a: b, sent: sentB } = await setup();
    b.resume();
    await b.announceArticles(kbOf(story, copy), ["tram-wire", "tram-coast"]);
    await until(() => sentB.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(sentB.map((s) => s.title)).toEqual(["Council backs second tram line"]);
    expect(sentB[0]?.fields.some((f) => f.startsWith("Also reported by: *Coast Wire*"))).toBe(true);
    await a.stop();
    await b.stop();
  });
});
