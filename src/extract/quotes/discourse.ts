import { PHRASE_OPENERS } from "../../lexicon/grammar.ts";
import { lexTags } from "../../lexicon/words.ts";
import type { Sentence } from "../sentences.ts";
import { attributionAfter } from "./attribution.ts";
import { describedPerson } from "./described.ts";
import { isTitle } from "./names.ts";
import { pronounGender, type Gender } from "./gender.ts";
import { mentionsIn, type NameMention, type PeopleIndex } from "./mentions.ts";

// Who each sentence is about, as a reader tracks it: the subject of its main clause, or the speaker its reporting
// clause names ("..., Mr Howard said."), carried on through "he"/"she" subjects until someone else takes over. A
// small stand-in for coreference that knows grammatical roles: a subject or a speaker is the centre of attention,
// an object ("she emailed her daughter Chelsea Clinton", "he told Paul Ryan") is not.

/** What a sentence says about people: its subject, its reporting speaker, and everyone it names. */
export interface SentenceFocus {
  /** The person the main clause is about, a pronoun standing for someone, or null (a thing, a group, no one). */
  subject: { name: string } | { pronoun: string } | null;
  /** The person a trailing reporting clause gives the sentence to ("..., Mr Howard said."). */
  speaker: string | null;
  /** Every person the sentence names. */
  named: Set<string>;
}

const OPENING_CONJUNCTION = /^(?:But|And|So|Then|Yet|Still|Now|Also|Thus|Indeed|Instead|Meanwhile|However|Later|Earlier|Moreover|Ever|Even|Just|Long|Shortly|Soon)\b,?\s*/u;
// Words that open an adverbial or a subordinate clause before the subject ("After he left, ...", "Having worked
// with X, ...", "Last week, ...").
const SUBORDINATORS = new Set(
  "when while whilst although though because since if unless after before as once until whereas despite unlike like during last this earlier later yesterday today tonight".split(" "),
);
const SUBJECT_PRONOUN = /^(he|she)\b/i;
// Words that open a clause inside the subject phrase: a name after one of them is not the sentence's subject.
const CLAUSE_WORDS = new Set("if when while because although though since unless that which who whom whose where after before as than".split(" "));

export class Discourse {
  private focus = new Map<number, SentenceFocus>();
  private centres: ({ name: string; gender: Gender } | null)[] = [];

  constructor(
    private readonly text: string,
    private readonly sentences: Sentence[],
    private readonly index: PeopleIndex,
  ) {}

  /** The subject, speaker and people of sentence `i`. */
  of(i: number): SentenceFocus {
    let f = this.focus.get(i);
    if (!f) {
      f = this.read(this.sentences[i] as Sentence);
      this.focus.set(i, f);
    }
    return f;
  }

  /**
   * The person at the centre of attention after sentence `i`: the last reporting speaker or person subject, kept
   * through sentences whose subject is a pronoun that fits them or no person at all.
   */
  centreAfter(i: number): { name: string; gender: Gender } | null {
    for (let k = this.centres.length; k <= i; k++) {
      const before = k > 0 ? (this.centres[k - 1] ?? null) : null;
      const f = this.of(k);
      const person = f.speaker ?? (f.subject && "name" in f.subject ? f.subject.name : null);
      this.centres[k] = person ? { name: person, gender: this.index.genderOf(person) } : before;
    }
    return this.centres[i] ?? null;
  }

  /** The person sentence `i` is about: its reporting speaker, else its subject (a he/she subject resolved). */
  about(i: number): string | null {
    const f = this.of(i);
    if (f.speaker) return f.speaker;
    if (!f.subject) return null;
    return "name" in f.subject ? f.subject.name : this.pronounSubject(i, f.subject.pronoun);
  }

  /** The person a description refers to ("the Labour MP for Birkenhead"), reading the article before sentence `i`. */
  described(text: string, i: number): string | null {
    return describedPerson(text, { roles: this.index.roles, genderOf: (n) => this.index.genderOf(n), centre: i > 0 ? this.about(i - 1) : null });
  }

  /** The person a he/she subject of sentence `i` stands for: the centre before it, when the gender fits. */
  pronounSubject(i: number, pronoun: string): string | null {
    const centre = i > 0 ? this.centreAfter(i - 1) : null;
    const want = pronounGender(pronoun);
    if (!centre || want === "unknown" || (centre.gender !== "unknown" && centre.gender !== want)) return null;
    return centre.name;
  }

  private read(s: Sentence): SentenceFocus {
    const mentions = mentionsIn(this.index.mentions, s.start, s.end);
    const named = new Set(mentions.map((m) => m.name));
    return { subject: this.subjectOf(s, mentions), speaker: this.trailingSpeaker(s), named };
  }

  /** The first person or he/she of the main clause, before its verb and outside any prepositional phrase. */
  private subjectOf(s: Sentence, mentions: NameMention[]): SentenceFocus["subject"] {
    const main = mainClauseStart(this.text, s, mentions);
    if (main < 0) return null;
    const start = s.start + main;
    const clause = this.text.slice(start, Math.min(s.end, start + 120));
    const pronoun = SUBJECT_PRONOUN.exec(clause);
    if (pronoun) return { pronoun: (pronoun[1] as string).toLowerCase() };
    for (const m of mentions) {
      if (m.start < start) continue;
      if (m.start > start + 80) break;
      const lead = this.text.slice(start, m.start);
      // "Mr Blair's government was ...": a possessive modifies the subject; an apposed name may follow it.
      if (/['\u2019]s?$/.test(this.text.slice(m.start, m.end)) || /^['\u2019]s?\b/.test(this.text.slice(m.end, m.end + 3))) continue;
      const words = lead.match(/[\p{L}'-]+/gu) ?? [];
      // "The committee questioned Smith": a verb before the name makes it an object; "talks with Smith" a
      // prepositional object; "The shock, particularly if Trump wins, ..." puts it in a clause of its own.
      if (words.some((w) => /^\p{Ll}/u.test(w) && (isVerbForm(w) || CLAUSE_WORDS.has(w)))) return null;
      if ((lead.match(/,/g)?.length ?? 0) > 1) return null;
      // "the oversized Trump face", "a Clinton aide": a name after a determiner modifies the subject's noun, unless
      // a title or role between them makes it an apposition ("the extremist cleric Anwar al-Awlaki").
      const phrase = lead.slice(lead.lastIndexOf(",") + 1).match(/[\p{L}'-]+/gu) ?? [];
      const determiner = phrase.findIndex((w) => /^(?:the|a|an|this|that|these|those)$/i.test(w));
      if (determiner >= 0 && !phrase.slice(determiner + 1).some((w) => isTitle(w))) continue;
      const last = words[words.length - 1]?.toLowerCase() ?? "";
      if (PHRASE_OPENERS.has(last) || /^(?:of|for|to|by|from|at|in|on)$/.test(last)) continue;
      return { name: m.name };
    }
    return null;
  }

  /** ", Mr Howard said." closing a sentence of reported speech. */
  private trailingSpeaker(s: Sentence): string | null {
    const text = this.text.slice(s.start, s.end);
    // After the last comma or closing mark: '..., "The 40-Year-Old Virgin," Mr. Oppenheim noted.'
    const comma = Math.max(text.lastIndexOf(", "), text.lastIndexOf('" '));
    if (comma < 0 || text.length - comma > 90) return null;
    const tail = text.slice(comma).replace(/^"/, ",");
    const a = attributionAfter(tail);
    if (!a || a.form !== "direct" || !/^[\s.!?"]*$/.test(tail.slice(a.length))) return null;
    if (a.speaker.kind === "name") return this.index.speaker(a.speaker.name, s.start + comma, s.end);
    if (a.speaker.kind === "pronoun") return this.pronounSubject(s.index, a.speaker.pronoun);
    return a.speaker.kind === "description" ? this.described(a.speaker.text, s.index) : null;
  }
}

const isVerbForm = (w: string): boolean => lexTags(w).some((t) => /^(?:PastTense|PresentTense|Copula|Modal|Auxiliary)$/.test(t));

/**
 * Offset (in the sentence) where its main clause starts: after opening conjunctions and an opening adverbial or
 * subordinate clause, which ends at the first comma followed by a subject ("Having worked closely with Mr
 * Cantalupo, who came out of retirement, Mr Bell focused ..."); -1 when no such comma is found.
 */
function mainClauseStart(text: string, s: Sentence, mentions: NameMention[]): number {
  let t = text.slice(s.start, Math.min(s.end, s.start + 240));
  let offset = 0;
  const conj = OPENING_CONJUNCTION.exec(t);
  if (conj) {
    offset = conj[0].length;
    t = t.slice(offset);
  }
  const first = (t.match(/^["'(]?(\p{L}+)/u)?.[1] ?? "").toLowerCase();
  const opener = SUBORDINATORS.has(first) || PHRASE_OPENERS.has(first) || /^(?:in|on|at|for|with|by|from|after|before)$/.test(first) || /\p{L}{3}(?:ing|ed)$/u.test(first);
  if (!opener) return offset;
  for (const m of t.matchAll(/,\s+/g)) {
    const at = offset + m.index + m[0].length;
    const next = text.slice(s.start + at, s.start + at + 4);
    // "Before Trump's appearance in the video, the cleric Anwar al-Awlaki is shown ...": "the" opens the main clause too.
    if (SUBJECT_PRONOUN.test(next) || mentions.some((x) => x.start === s.start + at) || /^(?:\p{Lu}|the\s)/u.test(next)) return at;
  }
  return -1;
}
