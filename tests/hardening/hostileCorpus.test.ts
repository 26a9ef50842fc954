// The corpus is not trusted either: articles scraped from feeds can carry markdown, mentions, emoji, bidi controls
// and absurd lengths in their titles, outlets, URLs, sentences, names and quotes. Every command, autocomplete and
// button over such a knowledge base still answers within Discord's limits, with the corpus text shown as text.
import { ApplicationCommandOptionType as T } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { createAnswers } from "../../src/answer/index.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { choiceProblems, messageProblems } from "./checks.ts";
import { ASKER, route, type Json, type Spec } from "./drive.ts";
import { NASTY_PIECES, nastyString, phrasesOf, runs } from "./nastyStrings.ts";

/** The fixture with nasty text glued around, into or in place of every text it holds (dates stay valid). */
function hostileKb(base: KnowledgeBase, nasty: string[], mode: number[]): KnowledgeBase {
  let n = 0;
  const spoil = (text: string): string => {
    const i = n++;
    const x = nasty[i % nasty.length] as string;
    switch ((mode[i % mode.length] as number) % 4) {
      case 0:
        return `${x} ${text} ${x}`;
      case 1:
        return `${text}${x}`;
      case 2:
        return x.trim() ? x : text;
      default:
        return text.replace(/ /g, ` ${x} `);
    }
  };
  const renamed = new Map<string, string>();
  const people = base.people.map((p) => {
    const name = spoil(p.name);
    renamed.set(p.name, name);
    return { ...p, name, description: spoil(p.description), aliases: p.aliases.map(spoil) };
  });
  return {
    articles: base.articles.map((a) => ({
      ...a,
      title: spoil(a.title),
      outlet: spoil(a.outlet),
      url: spoil(a.url ?? "https://news.example/x"),
      author: spoil("A. Writer"),
      sentences: a.sentences.map((s) => ({ ...s, text: spoil(s.text) })),
    })),
    people,
    quotes: base.quotes.map((q) => ({ ...q, text: spoil(q.text), speaker: q.speaker === null ? null : (renamed.get(q.speaker) ?? q.speaker) })),
    fragments: base.fragments.map((q) => ({ ...q, text: spoil(q.text), speaker: q.speaker === null ? null : (renamed.get(q.speaker) ?? q.speaker) })),
    events: base.events,
  };
}

const base = fixtureKb();
const hostile = fc
  .tuple(fc.array(nastyString(phrasesOf(base)), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 30 }))
  .map(([nasty, mode]) => hostileKb(base, nasty, mode));

/** Every slash command (each subcommand) with its first text option set to `value`. */
function specsFor(value: string, priv: boolean): Spec[] {
  return commands.flatMap((c) => {
    const subs = (c.data.options ?? []).filter((o) => o.type === T.Subcommand);
    return (subs.length ? subs.map((s) => ({ sub: s.name as string | null, defs: "options" in s ? (s.options ?? []) : [] })) : [{ sub: null, defs: c.data.options ?? [] }]).map(({ sub, defs }) => {
      const text = defs.find((o) => o.type === T.String);
      return { kind: "command" as const, command: c.data.name, subcommand: sub, options: { ...(text ? { [text.name]: value } : {}), private: priv } };
    });
  });
}

describe("a hostile corpus", () => {
  it("answers every command, autocomplete and button within Discord's limits, its text shown as text", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (kb, priv) => {
        const answers = createAnswers(kb);
        const asked = [phrasesOf(kb)[0] ?? "", kb.articles[0]?.id ?? "", ""];
        for (const value of asked) {
          for (const spec of specsFor(value, priv)) {
            const { messages, log } = await route(answers, kb, spec);
            expect(log.error).not.toHaveBeenCalled();
            expect(messages.length).toBeGreaterThan(0);
            for (const m of messages) expect(messageProblems(m), JSON.stringify(m).slice(0, 3000)).toEqual([]);
            const buttons = ((messages.at(-1)?.components as Json[] | undefined) ?? []).flatMap((r) => r.components as Json[]);
            for (const b of buttons.filter((x) => !x.disabled)) {
              const click = await route(answers, kb, { kind: "button", customId: String(b.custom_id), userId: ASKER });
              expect(click.messages).toHaveLength(1);
              expect(messageProblems(click.messages[0] as Json)).toEqual([]);
            }
          }
          for (const [command, option, subcommand, max] of [["who", "name", null, 64], ["when", "event", null, 64], ["quote", "speaker", null, 32], ["timeline", "person", null, 64], ["announce", "article", "preview", 100]] as const) {
            for (const typed of [value, value.slice(0, 3)]) {
              const { calls, log } = await route(answers, kb, { kind: "autocomplete", command, subcommand, focused: option, options: { [option]: typed } });
              expect(log.error).not.toHaveBeenCalled();
              expect(choiceProblems(calls[0]?.body as Json[], max)).toEqual([]);
            }
          }
        }
      }),
      runs(25),
    );
  }, 60_000);

  it("keeps every nasty piece of a title or sentence from formatting the message", async () => {
    for (const x of NASTY_PIECES) {
      const kb = hostileKb(base, [x], [0]);
      const answers = createAnswers(kb);
      for (const spec of [...specsFor("tram", false), ...specsFor(kb.articles[0]?.id ?? "", true)]) {
        const { messages } = await route(answers, kb, spec);
        for (const m of messages) expect(messageProblems(m), `${JSON.stringify(x)}: ${JSON.stringify(m).slice(0, 3000)}`).toEqual([]);
      }
    }
  });
});
