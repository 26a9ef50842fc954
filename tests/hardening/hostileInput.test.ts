// Hostile option values in every slash command, every autocomplete, hostile messages under the message menus, the
// Previous/Next/Share buttons and the local console, over the tram fixture and the seed corpus: never a failure,
// every reply within Discord's limits, no mention that can ping, and nothing a user types can change how the bot's
// message is formatted.
import { PassThrough } from "node:stream";
import { MessageFlags, ApplicationCommandOptionType as T, type APIApplicationCommandOption } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commands, commandsByName, contextMenus, type SlashCommand as Command } from "../../commands/index.ts";
import { answersNow, createAnswers } from "../../src/answer/index.ts";
import { runConsole } from "../../src/console/run.ts";
import { loadKnowledge } from "../../src/pipeline/load.ts";
import { fixtureKb } from "../answer/fixture.ts";
import { SEED_CORPUS } from "../support/files.ts";
import { recordingLog } from "../support/log.ts";
import { choiceProblems, markdownPieces, messageProblems, skeleton } from "./checks.ts";
import { ASKER, route, type Json, type Spec } from "./drive.ts";
import { nastyString, padded, phrasesOf, runs } from "./nastyStrings.ts";

const corpora = [fixtureKb(), (await loadKnowledge(SEED_CORPUS)).kb].map((kb, i) => ({
  name: i === 0 ? "the tram fixture" : "the seed corpus",
  kb,
  answers: createAnswers(kb),
  vocabulary: phrasesOf(kb),
}));

const subcommands = (c: Command) => (c.data.options ?? []).filter((o) => o.type === T.Subcommand);
function optionDefs(c: Command, sub: string | null): APIApplicationCommandOption[] {
  if (!sub) return c.data.options ?? [];
  const s = subcommands(c).find((o) => o.name === sub);
  return (s && "options" in s ? s.options : undefined) ?? [];
}
const maxLength = (o: APIApplicationCommandOption): number => ("max_length" in o && o.max_length) || 100;
/** Every value within its option's max_length as Discord counts it (code points: its API is Python). */
function withinMaxLength(spec: Spec): boolean {
  const command = commandsByName.get(spec.command ?? "");
  if (!command) return false;
  const defs = optionDefs(command, spec.subcommand ?? null);
  return Object.entries(spec.options ?? {}).every(([name, v]) => {
    const def = defs.find((o) => o.name === name);
    return typeof v !== "string" || (def !== undefined && [...v].length <= maxLength(def));
  });
}
const defined = (o: Record<string, string | boolean | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>;

/** A slash command with any subcommand and hostile values (or none) in each of its options. */
function commandSpec(vocabulary: string[]): fc.Arbitrary<Spec> {
  return fc.constantFrom(...commands).chain((c) => {
    const subs = subcommands(c).map((s) => s.name);
    return (subs.length ? fc.constantFrom<string | null>(...subs) : fc.constant(null)).chain((sub) => {
      const values = Object.fromEntries(
        optionDefs(c, sub).map((o) => [
          o.name,
          o.type === T.Boolean ? fc.option(fc.boolean(), { nil: undefined }) : fc.option(nastyString(vocabulary), { nil: undefined, freq: 5 }),
        ]),
      );
      return fc.record(values).map((options) => ({ kind: "command" as const, command: c.data.name, subcommand: sub, options: defined(options) }));
    });
  });
}

/** The focused option of an autocomplete: every option of every command that autocompletes. */
const autocompleted = commands.flatMap((c) =>
  [null, ...subcommands(c).map((s) => s.name)].flatMap((sub) =>
    optionDefs(c, sub)
      .filter((o) => "autocomplete" in o && o.autocomplete)
      .map((o) => ({ label: [c.data.name, sub, o.name].filter(Boolean).join(" "), command: c.data.name, subcommand: sub, option: o.name, max: maxLength(o) })),
  ),
);

/** The same values with every markdown character replaced by one that formats nothing (and matches the same words). */
const MARKDOWN = /[\\*_~`|<>[\]()#@]/g;
const defanged = (spec: Spec): Spec => ({
  ...spec,
  options: Object.fromEntries(Object.entries(spec.options ?? {}).map(([k, v]) => [k, typeof v === "string" ? v.replace(MARKDOWN, "!") : v])),
});
const layout = (m: Json | undefined) => (m ? markdownPieces(m).map(([where, md]) => [where, skeleton(md)]) : []);

type Corpus = (typeof corpora)[number];
const footerOf = (m: Json): string => String(((m.embeds as Json[] | undefined)?.[0]?.footer as Json | undefined)?.text);

/** Runs one command (a slash command, a message menu) and everything its answer offers (its buttons, for the asker and for someone else). */
async function answerAndButtons({ answers, kb }: Corpus, spec: Spec): Promise<void> {
  const { calls, messages, log } = await route(answers, kb, spec);
  expect(log.error).not.toHaveBeenCalled();
  // A message menu answers privately, whatever the message (the first call: the reply, or deferring it).
  if (spec.kind === "message") expect(Number((calls[0]?.body as Json | undefined)?.flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(messageProblems(m), JSON.stringify(m).slice(0, 2000)).toEqual([]);
  if (commandsByName.get(spec.command ?? "")?.kind === "answer") {
    // What the user typed is shown as text: the message is formatted exactly as for the same words without markdown.
    // (Bot commands change state, so a second run answers otherwise: following someone twice says so. The message
    // menus read a message's markup, <#channel> or <:emoji:id>, as no words, so without it the words differ.)
    const twin = await route(answers, kb, defanged(spec));
    expect(layout(messages.at(-1))).toEqual(layout(twin.messages.at(-1)));
  }
  // A long answer can be paged whenever Discord let the values through (it counts code points, not UTF-16 units).
  const answer = messages.at(-1) as Json;
  const buttons = ((answer.components as Json[] | undefined) ?? []).flatMap((r) => r.components as Json[]);
  if (/^Page 1\//.test(footerOf(answer)) && withinMaxLength(spec)) expect(buttons.map((b) => b.label)).toContain("Next");
  // Every button works for the asker and politely refuses anyone else, within the limits too.
  for (const b of buttons.filter((x) => !x.disabled)) {
    for (const userId of [ASKER, "666666666666666666"]) {
      const click = await route(answers, kb, { kind: "button", customId: String(b.custom_id), userId, message: answer });
      expect(click.log.error).not.toHaveBeenCalled();
      expect(click.messages).toHaveLength(1);
      const reply = click.messages[0] as Json;
      expect(messageProblems(reply)).toEqual([]);
      if (userId === ASKER && b.label === "Next") expect(footerOf(reply)).toMatch(/^Page 2\//);
      if (userId !== ASKER) expect(reply.flags).toBe(MessageFlags.Ephemeral);
    }
  }
}

/** Commands that page their answers, with their first text option. */
const paging = commands.flatMap((c) => {
  const first = (c.data.options ?? []).find((o) => o.type === T.String);
  return first && !subcommands(c).length && !["announce", "reload"].includes(c.data.name) ? [{ command: c.data.name, option: first.name }] : [];
});

describe.each(corpora)("hostile input over $name", (corpus) => {
  const { answers, kb } = corpus;

  it("every slash command answers without failing, within every limit, never pinging", async () => {
    await fc.assert(fc.asyncProperty(commandSpec(corpus.vocabulary), (spec) => answerAndButtons(corpus, spec)), runs(120));
  });

  it("a long answer can be paged, whatever characters fill the option", async () => {
    const spec = fc.tuple(fc.constantFrom(...paging), padded(corpus.vocabulary), fc.boolean());
    await fc.assert(
      fc.asyncProperty(spec, ([{ command, option }, value, priv]) =>
        answerAndButtons(corpus, { kind: "command", command, options: { [option]: value, private: priv } }),
      ),
      runs(100),
    );
  });

  it.each(contextMenus.map((c) => [c.data.name] as const))("%s answers any message privately, within every limit, never pinging", async (name) => {
    const message = fc.tuple(nastyString(corpus.vocabulary), fc.boolean()).map(([words, inEmbed]) =>
      // A member's message, or a bot's (a link preview's) with its words in an embed.
      inEmbed ? { content: "", embeds: [{ description: words, fields: [] }] } : { content: words },
    );
    await fc.assert(
      fc.asyncProperty(message, (targetMessage) => answerAndButtons(corpus, { kind: "message", command: name, targetMessage })),
      runs(60),
    );
  });

  it.each(autocompleted.map((a) => [a.label, a] as const))("autocomplete of /%s answers at most 25 valid choices", async (_, { command, subcommand, option, max }) => {
    await fc.assert(
      fc.asyncProperty(nastyString(corpus.vocabulary), async (value) => {
        const { calls, log } = await route(answers, kb, { kind: "autocomplete", command, subcommand, focused: option, options: { [option]: value } });
        expect(log.error).not.toHaveBeenCalled();
        expect(calls.map((c) => c.method)).toEqual(["respond"]);
        expect(choiceProblems(calls[0]?.body as Json[], max)).toEqual([]);
      }),
      runs(60),
    );
  });

  it("the console answers every hostile line, and shows a query as it was typed", async () => {
    const oneLine = nastyString(corpus.vocabulary).map((s) => s.replace(/[\r\n]+/g, " "));
    await fc.assert(
      fc.asyncProperty(fc.array(oneLine, { minLength: 1, maxLength: 4 }), async (values) => {
        const lines = values.flatMap((v) => [
          ...commands.map((c) => `/${c.data.name} ${v}`),
          ...contextMenus.map((c) => `/${c.consoleName} ${v}`),
          `/quote speaker:${v} text:${v}`,
          `/timeline person:${v} private:true`,
          "/next",
        ]);
        const input = new PassThrough();
        const output = new PassThrough();
        let text = "";
        output.on("data", (d: Buffer) => (text += d.toString()));
        const { log } = recordingLog();
        const done = runConsole({ answers: answersNow(answers), commands: commandsByName, input, output, log });
        input.end(lines.join("\n"));
        await done;
        expect(log.error).not.toHaveBeenCalled();
        expect(text).not.toContain("something went wrong");
        for (const v of values) {
          // As typed, less what never reaches a screen: direction overrides and control characters.
          const shown = v.replace(/\s+/g, " ").trim().replace(/[\u202a-\u202e\u2066-\u2069]/g, "").replace(/[^\P{Cc}\t\n]/gu, "");
          if (shown && [...v.trim()].length <= 64 && !/(^|\s)[a-z_]+:/.test(shown)) expect(text).toContain(`■ Search: ${shown}\n`);
        }
      }),
      runs(25),
    );
  });
});
