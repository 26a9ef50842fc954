// Pages and feeds come in whatever encoding the publisher chose; the corpus is UTF-8. This turns bytes into a
// string the way a browser would decide: byte-order mark, then the Content-Type charset, then the document's own
// declaration (<meta charset>, <?xml encoding?>), then UTF-8.

const SNIFF_BYTES = 2048;

export function decodeBody(body: Uint8Array, contentType: string): string {
  const label = bomCharset(body) ?? headerCharset(contentType) ?? declaredCharset(body) ?? "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // An unknown label ("x-user-defined-nonsense") should not lose the article: UTF-8 is the likeliest truth.
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(body);
}

function bomCharset(body: Uint8Array): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  return undefined;
}

function headerCharset(contentType: string): string | undefined {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
}

function declaredCharset(body: Uint8Array): string | undefined {
  // Declarations are ASCII, so latin1 reads them correctly whatever the real encoding is.
  const head = Buffer.from(body.subarray(0, SNIFF_BYTES)).toString("latin1");
  return (
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1]
  );
}

/** The media type without parameters, lower-cased: "text/html; charset=utf-8" gives "text/html". */
export function mediaType(contentType: string): string {
  return contentType.split(";")[0]?.trim().toLowerCase() ?? "";
}
