// One story, many copies: the same wire story from several outlets and feeds, or a feed that re-dates or retitles
// an item under a new address. Copies are found by their text, not their title or URL: each article's body becomes
// the set of its word 5-grams (shingles: Broder, "On the resemblance and containment of documents", 1997), and a
// new article is the same story as a recent one when they share enough shingles, either way round:
//   resemblance  |A ∩ B| / |A ∪ B|          ≥ 0.5   (a copy with small edits, another headline, another date)
//   containment  |A ∩ B| / min(|A|, |B|)    ≥ 0.8   (a copy cut short, or with an outlet's own paragraphs added)
// counting at least 20 shared shingles, and not counting those another recent story holds too: phrases of a
// template ("the selling concession is 1-1/2 pct") or an outlet's boilerplate say nothing about the story. Short
// texts (under 60 shingles) and articles published more than a day apart must be near copies (resemblance ≥ 0.9):
// recurring reports ("Fed adds reserves via customer repurchases") differ from one day to the next in a few numbers.
// Exact sets, not MinHash sketches: a new article is compared with at most a few hundred recent stories, a few
// milliseconds, and exact figures make the same decision on every run (of the npm packages, bloom-filters draws its
// MinHash functions from Math.random and `minhash` multiplies 32-bit values past 2^53). Measured on
// ../shared/bench-corpus with `npm run bench:stories`: docs/stories.md.
import { tokenize } from "../answer/text.ts";

const SHINGLE = 5;
export const RESEMBLANCE = 0.5;
export const CONTAINMENT = 0.8;
export const NEAR_COPY = 0.9;
export const MIN_SHARED = 20;
export const SHORT = 60;
/** A shingle that this many other recent stories hold is a template's or an outlet's, not the story's (2 let two bond issues of one template through on Reuters). */
export const TEMPLATE = 1;

/** An article's shingles: 32-bit FNV-1a hashes of its word 5-grams, sorted, each once. */
export function shingles(text: string): Uint32Array {
  const words = tokenize(text);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(fnv1a(words.slice(i, i + SHINGLE).join(" ")));
  return Uint32Array.from(out).sort();
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shingles two sorted sets share (one merge pass), or only how many. */
function common(a: Uint32Array, b: Uint32Array, out?: number[]): number {
  let [i, j, n] = [0, 0, 0];
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out?.push(x);
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

function contains(set: Uint32Array, value: number): boolean {
  let [lo, hi] = [0, set.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid] as number;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export interface Likeness {
  shared: number;
  resemblance: number;
  containment: number;
  /** The smaller set's size. */
  smaller: number;
}

/** How alike two shingle sets are, leaving out `ignored` of the shingles they share (templates). */
export function likeness(a: Uint32Array, b: Uint32Array, ignored = 0): Likeness {
  const n = common(a, b) - ignored;
  const [sa, sb] = [a.length - ignored, b.length - ignored];
  const union = sa + sb - n;
  const smaller = Math.min(sa, sb);
  return { shared: n, resemblance: union > 0 ? n / union : 0, containment: smaller > 0 ? n / smaller : 0, smaller };
}

/** Whether the likeness makes one story of two articles published `daysApart` days apart (undefined: not known). */
export function oneStory(l: Likeness, daysApart?: number): boolean {
  if (l.shared < MIN_SHARED) return false;
  if (l.smaller < SHORT || (daysApart !== undefined && daysApart > 1)) return l.resemblance >= NEAR_COPY;
  return l.resemblance >= RESEMBLANCE || l.containment >= CONTAINMENT;
}

/** A day number for "YYYY-MM-DD"; undefined for a date known to the month or year only. */
export function dayOf(published: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  return m ? Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000) : undefined;
}

interface Story {
  id: string;
  shingles: Uint32Array;
  day?: number;
}

/** The recent stories a new article is compared with: the last `size` added, oldest dropped first. */
export class StoryWindow {
  private stories: Story[] = [];

  constructor(private readonly size = 500) {}

  has(id: string): boolean {
    return this.stories.some((s) => s.id === id);
  }

  add(id: string, set: Uint32Array, day?: number): void {
    this.stories = this.stories.filter((s) => s.id !== id);
    this.stories.push({ id, shingles: set, ...(day !== undefined && { day }) });
    if (this.stories.length > this.size) this.stories.shift();
  }

  /** The recent story `set` is a copy of (the most alike), if any. */
  find(set: Uint32Array, day?: number): { id: string; likeness: Likeness } | undefined {
    let best: { id: string; likeness: Likeness } | undefined;
    for (const story of this.stories) {
      // The cheap test first: a copy shares at least MIN_SHARED shingles whatever else holds them.
      if (common(set, story.shingles) < MIN_SHARED) continue;
      const l = likeness(set, story.shingles, this.templates(set, story));
      const apart = day !== undefined && story.day !== undefined ? Math.abs(day - story.day) : undefined;
      if (oneStory(l, apart) && (!best || l.resemblance > best.likeness.resemblance)) best = { id: story.id, likeness: l };
    }
    return best;
  }

  /** How many of the shingles `set` shares with `story` other recent stories hold TEMPLATE times or more. */
  private templates(set: Uint32Array, story: Story): number {
    const both: number[] = [];
    common(set, story.shingles, both);
    let templates = 0;
    for (const h of both) {
      let others = 0;
      for (const s of this.stories) if (s !== story && contains(s.shingles, h) && ++others >= TEMPLATE) break;
      if (others >= TEMPLATE) templates++;
    }
    return templates;
  }
}
