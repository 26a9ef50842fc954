// Declaring a command: name, description, options (commands/options.ts), preconditions and a thin handler typed
// from the options. Discord's definition (`data`, what deploy-commands registers) is derived here, through
// discord.js's builder so that its checks (names, lengths) still apply.
import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SharedSlashCommandOptions,
} from "discord.js";
import type { Answers, Suggestion } from "../src/answer/types.ts";
import type { AnswerView } from "../src/render/model.ts";
import type { OptionSpecs, OptionValues, SubcommandSpecs } from "./options.ts";
import type { BotReply, BotServices } from "./services.ts";
import type { AnswerCommand, BotCommand, BotInput, Precondition } from "./types.ts";

interface Declaration {
  name: string;
  description: string;
  requires?: readonly Precondition[];
}

export interface AnswerDeclaration<S extends OptionSpecs> extends Declaration {
  options: S;
  defer?: boolean;
  run(answers: Answers, options: OptionValues<S>): AnswerView;
  autocomplete?(answers: Answers, option: keyof S & string, value: string): Suggestion[];
}

/** The subcommand chosen, with that subcommand's options typed. */
export type SubcommandInput<U extends SubcommandSpecs> = {
  [K in keyof U & string]: { subcommand: K; options: OptionValues<U[K]["options"]> };
}[keyof U & string];

export interface BotDeclaration<U extends SubcommandSpecs> extends Declaration {
  requires: readonly Precondition[];
  subcommands?: U;
  consoleNote?: string;
  run(services: BotServices, input: SubcommandInput<U>): Promise<BotReply>;
  autocomplete?(answers: Answers, option: string, value: string): Suggestion[];
}

export function answerCommand<S extends OptionSpecs>(d: AnswerDeclaration<S>): AnswerCommand {
  return {
    kind: "answer",
    data: toData(d, d.options, {}),
    options: d.options,
    subcommands: {},
    requires: d.requires ?? [],
    defer: d.defer ?? false,
    // The options a handler gets are read with its own declaration, so they have the declared names and kinds.
    run: d.run as AnswerCommand["run"],
    ...(d.autocomplete && { autocomplete: d.autocomplete as AnswerCommand["autocomplete"] }),
  };
}

export function botCommand<U extends SubcommandSpecs>(d: BotDeclaration<U>): BotCommand {
  const subcommands: SubcommandSpecs = d.subcommands ?? {};
  return {
    kind: "bot",
    data: toData(d, {}, subcommands),
    options: {},
    subcommands,
    requires: d.requires,
    run: d.run as (services: BotServices, input: BotInput) => Promise<BotReply>,
    ...(d.autocomplete && { autocomplete: d.autocomplete }),
    ...(d.consoleNote && { consoleNote: d.consoleNote }),
  };
}

function toData(d: Declaration, options: OptionSpecs, subcommands: SubcommandSpecs) {
  const builder = new SlashCommandBuilder().setName(d.name).setDescription(d.description);
  // Hidden from members without Manage Server, and never offered in DMs; the router checks again when it runs.
  if (d.requires?.includes("admin")) {
    builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild).setContexts(InteractionContextType.Guild);
  }
  for (const [name, sub] of Object.entries(subcommands)) {
    builder.addSubcommand((s) => {
      addOptions(s.setName(name).setDescription(sub.description), sub.options);
      return s;
    });
  }
  addOptions(builder, options);
  return builder.toJSON();
}

function addOptions<T extends SharedSlashCommandOptions<T>>(builder: SharedSlashCommandOptions<T>, options: OptionSpecs): void {
  for (const [name, o] of Object.entries(options)) {
    if (o.kind === "flag") {
      builder.addBooleanOption((b) => b.setName(name).setDescription(o.description));
      continue;
    }
    builder.addStringOption((s) => {
      s.setName(name).setDescription(o.description).setRequired(o.required ?? false);
      if (o.autocomplete) s.setAutocomplete(true);
      if (o.maxLength) s.setMaxLength(o.maxLength);
      return s;
    });
  }
}
