// A news site as feed ingestion meets it: article pages with the chrome real sites wrap around a story, and RSS
// and Atom feeds pointing at them (served by tests/support/httpServer.ts).

export const CHROME = {
  nav: "Home World Technology Opinion Newsletters",
  cookie: "We use cookies to improve your experience. Accept all cookies",
  related: "Related articles",
  relatedItem: "Ten gadgets you will love this winter",
  footer: "Copyright 2025 Example Media Group. All rights reserved.",
  subscribe: "Subscribe to our newsletter for daily updates",
};

export interface PageSpec {
  title: string;
  paragraphs: string[];
  canonical?: string;
  siteName?: string;
}

export function articlePage(spec: PageSpec): string {
  const canonical = spec.canonical ? `<link rel="canonical" href="${spec.canonical}">` : "";
  const site = spec.siteName ? `<meta property="og:site_name" content="${spec.siteName}">` : "";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${spec.title} | Example News</title>${canonical}${site}
<style>.banner{position:fixed}</style><script>window.tracking = true;</script></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>${CHROME.cookie}</p><button>Accept</button></div>
<header class="site-header"><nav class="main-nav"><ul>${CHROME.nav
    .split(" ")
    .map((w) => `<li><a href="/${w.toLowerCase()}">${w}</a></li>`)
    .join("")}</ul></nav></header>
<main>
<article class="story">
<h1>${spec.title}</h1>
<p class="byline">By Jane Reporter</p>
${spec.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article>
<aside class="related"><h2>${CHROME.related}</h2><ul>
<li><a href="/a">${CHROME.relatedItem}</a></li><li><a href="/b">Why everyone is talking about the new phone</a></li>
<li><a href="/c">The best recipes for a rainy weekend</a></li></ul></aside>
<div class="newsletter-signup"><p>${CHROME.subscribe}</p><form><input type="email"></form></div>
</main>
<footer class="site-footer"><p>${CHROME.footer}</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>`;
}

/** The page of a story about `topic` (storyParagraphs) under `title`. */
export function storyPage(title: string, topic: string, extra: Omit<PageSpec, "title" | "paragraphs"> = {}): string {
  return articlePage({ title, paragraphs: storyParagraphs(topic), ...extra });
}

/** Paragraphs long enough for Readability to recognise an article. */
export function storyParagraphs(topic: string): string[] {
  return [
    `The maintainers confirmed on Tuesday that ${topic} had been merged after months of review on the mailing list.`,
    `"This is a milestone for the project," said Maria Lopez, who has led the effort since 2021. She added that the work was far from finished and that many drivers still needed attention from volunteers.`,
    `Critics argued that ${topic} would make the code base harder to maintain, since reviewers would need to know two languages. Supporters replied that the safety gains outweighed the cost of learning.`,
    `The change is expected to ship in the next release, scheduled for the end of the year, according to the published release calendar and the statements of several subsystem maintainers.`,
  ];
}

export interface RssItem {
  title: string;
  link?: string;
  pubDate?: string;
  description?: string;
  guid?: string;
}

export function rssFeed(title: string, items: RssItem[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>${esc(title)}</title><link>https://example.invalid/</link><description>News</description>
${items
  .map(
    (i) => `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ""}${i.guid ? `<guid>${esc(i.guid)}</guid>` : ""}${
      i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ""
    }<description><![CDATA[${i.description ?? ""}]]></description></item>`,
  )
  .join("\n")}
</channel></rss>`;
}

export interface AtomEntry {
  title: string;
  link: string;
  published?: string;
  updated?: string;
  summary?: string;
}

export function atomFeed(title: string, entries: AtomEntry[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">${esc(title)}</title><id>urn:test:atom</id>
<updated>2025-06-06T00:00:00Z</updated>
${entries
  .map(
    (e) => `<entry><title type="html">${esc(e.title)}</title><link rel="alternate" type="text/html" href="${esc(e.link)}"/>
<link rel="replies" href="${esc(e.link)}#comments"/><id>${esc(e.link)}</id>${e.published ? `<published>${e.published}</published>` : ""}
<updated>${e.updated ?? e.published ?? "2025-06-06T00:00:00Z"}</updated><summary>${esc(e.summary ?? "")}</summary></entry>`,
  )
  .join("\n")}
</feed>`;
}
