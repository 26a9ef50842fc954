// The same story reaches us under many names: with utm_* tags from a newsletter, with a #comments anchor, with
// or without a trailing slash, from two feeds, or re-published with a new timestamp. These keys collapse those
// variants so one story is stored once. They are comparison keys only; the corpus keeps the URL it was given.

// Query parameters that identify a campaign or a click, never the document.
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|__twitter_impression|ref_src|ref_url|cmpid|ncid|sr_share|at_medium|at_campaign|at_custom\d*)$/i;

/** A URL reduced to what names the document: no tracking parameters, no fragment, no trailing slash. */
export function canonicalUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  // URL already lower-cases the host and drops the default port.
  let text = url.href;
  if (text.endsWith("?")) text = text.slice(0, -1);
  const queryAt = text.indexOf("?");
  const pathPart = queryAt < 0 ? text : text.slice(0, queryAt);
  const query = queryAt < 0 ? "" : text.slice(queryAt);
  return pathPart.replace(/(?<!\/)\/+$/, "").replace(/(?<=^https?:\/\/[^/]+)\/+$/, "") + query;
}

/** The key that dedupes by URL: the canonical URL with the scheme dropped (http and https are the same story). */
export function urlKey(raw: string): string | undefined {
  return canonicalUrl(raw)?.replace(/^https?:\/\//, "").replace(/^www\./, "");
}

/**
 * The key that dedupes by title: letters and digits only, case and accents folded, typographic quotes and dashes
 * gone. Too short a title ("Update") says nothing about the story, so it gives no key.
 */
export function titleKey(title: string): string | undefined {
  const key = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return key.length >= 12 ? key : undefined;
}
