// The message context menus' answers as views: "Check this quote" and "Who is mentioned here?". Each is one page
// (its Share button copies the message as it is, so it never needs the message's words back), every piece of the
// message and of the corpus escaped.
import type { CheckAnswer, CheckMatch, MentionsAnswer } from "../answer/types.ts";
import { asOfLine, fitEmbed, sourceLine } from "./format.ts";
import { escapeTruncate } from "./limits.ts";
import { COLORS, type AnswerView, type EmbedView, type FieldView } from "./model.ts";

const VERDICT_COLORS = { found: 0x2f855a, paraphrase: 0xb7791f, none: COLORS.empty } as const;

const who = (name: string): string => `**${escapeTruncate(name, 100)}**`;

function cited(m: CheckMatch, max = 700): string {
  const speaker = m.speaker ? `\n> — ${who(m.speaker)}` : "";
  return `> ${escapeTruncate(m.sentence, max)}${speaker}\n${sourceLine(m.source)}`;
}

function title(a: CheckAnswer): string {
  if (a.tooShort) return "Too few words to check";
  const quoted = a.match?.quote !== null;
  switch (a.verdict) {
    case "direct":
      return quoted ? "Direct quote: word for word in the corpus" : "Word for word in an article, but not as a quote";
    case "partial":
      return quoted ? "Partial quote: word for word, part of a longer quote" : "Word for word in an article, but not as a quote";
    case "paraphrase":
      return "Not word for word: a paraphrase of this sentence";
    case "none":
      return "No such quote in the corpus";
  }
}

/** What the message says of the speaker, against what the corpus says. */
function speakerNote(a: CheckAnswer): string | undefined {
  const claimed = a.claimedSpeaker;
  if (!claimed || !a.match || a.verdict === "none") return undefined;
  if (a.match.speaker === claimed) return `The corpus attributes these words to ${who(claimed)} too.`;
  if (a.match.speaker) return `⚠️ The message gives ${who(claimed)} as the speaker; the corpus attributes these words to ${who(a.match.speaker)}.`;
  return `⚠️ The message gives ${who(claimed)} as the speaker; in the corpus these are the article's own words, not a quote.`;
}

export function renderCheck(a: CheckAnswer): AnswerView {
  const parts = [`Checked: “${escapeTruncate(a.claim, 300)}”`];
  if (a.tooShort) parts.push("Right-click a message with a sentence or more in it (or quote a part of it in quotation marks).");
  else if (a.match) {
    parts.push(cited(a.match));
    const note = speakerNote(a);
    if (note) parts.push(note);
  } else if (a.nearest.length > 0) {
    parts.push("Nothing in the corpus says this. The nearest:", ...a.nearest.map((m) => cited(m, 300)));
  } else parts.push("Nothing in the corpus comes near these words.");
  const color = a.verdict === "direct" || a.verdict === "partial" ? VERDICT_COLORS.found : a.verdict === "paraphrase" ? VERDICT_COLORS.paraphrase : VERDICT_COLORS.none;
  const embed: EmbedView = { title: title(a), description: parts.join("\n\n"), fields: [], footer: asOfLine(a.asOf), color };
  return { pages: [fitEmbed(embed)] };
}

export function renderMentions(a: MentionsAnswer): AnswerView {
  const fields: FieldView[] = a.people.map((p) => {
    const role = p.description ? `*${escapeTruncate(p.description, 200)}*` : "*No role stated in the corpus.*";
    const fact = p.fact ? `\n> ${escapeTruncate(p.fact.text, 400)}\n${sourceLine(p.fact.source)}` : "";
    return { name: escapeTruncate(p.name, 200), value: `${role}${fact}` };
  });
  const embed: EmbedView =
    fields.length > 0
      ? { title: `People the corpus knows in this message (${fields.length})`, fields, footer: asOfLine(a.asOf), color: COLORS.answer }
      : {
          title: "No one the corpus knows is named here",
          description: "Names are matched against the people in the articles; try `/who` with a name to look one up.",
          fields: [],
          footer: asOfLine(a.asOf),
          color: COLORS.empty,
        };
  return { pages: [fitEmbed(embed)] };
}
