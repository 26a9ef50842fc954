// A command's options, declared once as data: Discord's definition is derived from the declaration
// (commands/define.ts), Discord's values, a button's saved ones and the console's parsed line all go through
// `readOptions`, and each handler receives them typed (`options.name` is a string or undefined; a misspelt option
// name does not compile).

export interface TextOption {
  kind: "text";
  description: string;
  /** Discord asks for it before sending; the console says it is missing. */
  required?: boolean;
  /** While it is typed, Discord asks the command's `autocomplete` for choices. */
  autocomplete?: boolean;
  /** At most this many characters (code points, as Discord counts them). */
  maxLength?: number;
  /** The only values Discord lets a member pick (shown by name); the value read is the choice's value. */
  choices?: readonly { name: string; value: string }[];
}

export interface FlagOption {
  kind: "flag";
  description: string;
}

/** A channel of the server (its id): text and announcement channels only. */
export interface ChannelOption {
  kind: "channel";
  description: string;
  required?: boolean;
}

/** A role of the server (its id). */
export interface RoleOption {
  kind: "role";
  description: string;
  required?: boolean;
}

export type OptionSpec = TextOption | FlagOption | ChannelOption | RoleOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface SubcommandSpec {
  description: string;
  options: OptionSpecs;
}
/** By name; a name of two words ("channel set") is a subcommand of a group (`/announce channel set`). */
export type SubcommandSpecs = Readonly<Record<string, SubcommandSpec>>;

type ValueOf<O> = O extends FlagOption ? boolean : O extends OptionSpec ? string : never;

/**
 * The values a handler receives. Any option may be absent, a required one too: Discord sends a required text that
 * is only spaces, and a button from an older answer may lack it, so the handler says what is missing, in its words.
 */
export type OptionValues<S extends OptionSpecs = OptionSpecs> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

export const text = (description: string, settings: Omit<TextOption, "kind" | "description"> = {}): TextOption => ({
  kind: "text",
  description,
  ...settings,
});

export const flag = (description: string): FlagOption => ({ kind: "flag", description });

export const channel = (description: string, settings: { required?: boolean } = {}): ChannelOption => ({ kind: "channel", description, ...settings });

export const role = (description: string, settings: { required?: boolean } = {}): RoleOption => ({ kind: "role", description, ...settings });

/** The `private` option of every answer command: an ephemeral answer, with a Share button. */
export const PRIVATE = { private: flag("Only you see the answer (you can share it)") } as const;

/** A value as its source holds it: Discord's interaction options, a button's saved args, the console's line. */
export type RawOption = (name: string, kind: OptionSpec["kind"]) => string | boolean | null | undefined;

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * The one option reader: each declared option, of its kind; text is trimmed, and blank text counts as absent. A
 * text with choices is one of them or absent; a channel or role is its id.
 */
export function readOptions<S extends OptionSpecs>(specs: S, raw: RawOption): OptionValues<S> {
  const out: Record<string, string | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw(name, spec.kind);
    if (spec.kind === "flag") {
      if (typeof value === "boolean") out[name] = value;
    } else if (typeof value === "string" && value.trim()) {
      const v = value.trim();
      if (spec.kind === "text" && (!spec.choices || spec.choices.some((c) => c.value === v))) out[name] = v;
      else if (spec.kind !== "text" && SNOWFLAKE.test(v)) out[name] = v;
    }
  }
  return out as OptionValues<S>;
}

/** The names of the text options, in declaration order (the order Discord shows them in). */
export const textOptionNames = (specs: OptionSpecs): string[] =>
  Object.entries(specs)
    .filter(([, spec]) => spec.kind === "text")
    .map(([name]) => name);
