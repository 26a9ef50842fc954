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
}

export interface FlagOption {
  kind: "flag";
  description: string;
}

export type OptionSpec = TextOption | FlagOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface SubcommandSpec {
  description: string;
  options: OptionSpecs;
}
export type SubcommandSpecs = Readonly<Record<string, SubcommandSpec>>;

type ValueOf<O> = O extends TextOption ? string : O extends FlagOption ? boolean : never;

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

/** The `private` option of every answer command: an ephemeral answer, with a Share button. */
export const PRIVATE = { private: flag("Only you see the answer (you can share it)") } as const;

/** A value as its source holds it: Discord's interaction options, a button's saved args, the console's line. */
export type RawOption = (name: string, kind: OptionSpec["kind"]) => string | boolean | null | undefined;

/** The one option reader: each declared option, of its kind; text is trimmed, and blank text counts as absent. */
export function readOptions<S extends OptionSpecs>(specs: S, raw: RawOption): OptionValues<S> {
  const out: Record<string, string | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw(name, spec.kind);
    if (spec.kind === "text" && typeof value === "string" && value.trim()) out[name] = value.trim();
    else if (spec.kind === "flag" && typeof value === "boolean") out[name] = value;
  }
  return out as OptionValues<S>;
}

/** The names of the text options, in declaration order (the order Discord shows them in). */
export const textOptionNames = (specs: OptionSpecs): string[] =>
  Object.entries(specs)
    .filter(([, spec]) => spec.kind === "text")
    .map(([name]) => name);
