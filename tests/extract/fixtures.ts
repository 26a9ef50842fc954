// Generated texts for extraction tests (and the stress tests): abnormal articles are made at test time, never
// committed as megabytes.

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** One paragraph of about `chars` characters, no full stop until the end: "The meeting was held on March 4, 1995 the council met, and on ..." */
export function datesParagraph(chars: number): string {
  const parts: string[] = [];
  for (let i = 0, n = 0; n < chars; i++) {
    const part = `on ${MONTHS[i % 12]} ${1 + (i % 28)}, ${1990 + (i % 30)} the council met, and`;
    parts.push(part);
    n += part.length + 1;
  }
  return `The meeting was held ${parts.join(" ")} then adjourned.`;
}
