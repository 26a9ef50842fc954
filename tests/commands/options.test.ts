// Options are declared once: Discord's definition comes from the declaration, and Discord's values, a button's
// saved ones and the console's line are all read by readOptions.
import { ApplicationCommandOptionType as T } from "discord.js";
import { describe, expect, it } from "vitest";
import { answerCommand, botCommand } from "../../commands/define.ts";
import { commands } from "../../commands/index.ts";
import { flag, readOptions, text } from "../../commands/options.ts";
import { optionSpecs } from "../../commands/types.ts";

const specs = { name: text("A name", { required: true, maxLength: 10 }), private: flag("Only you") };

describe("readOptions", () => {
  it("reads each declared option of its kind, trims text and drops blank text", () => {
    const raw: Record<string, unknown> = { name: "  Ada  ", private: true, other: "x" };
    expect(readOptions(specs, (n) => raw[n] as string | boolean)).toEqual({ name: "Ada", private: true });
    expect(readOptions(specs, (n) => ({ name: " \t ", private: false })[n])).toEqual({ private: false });
  });

  it("ignores a value of the wrong kind, and asks for each option by its declared kind", () => {
    const asked: string[] = [];
    const values = readOptions(specs, (name, kind) => {
      asked.push(`${name}:${kind}`);
      return name === "name" ? true : "true";
    });
    expect(values).toEqual({});
    expect(asked).toEqual(["name:text", "private:flag"]);
  });
});

describe("command declarations", () => {
  it("give Discord's definition: option kinds, order, requirement, autocomplete and length", () => {
    const command = answerCommand({
      name: "probe",
      description: "A probe",
      options: { ...specs, hint: text("A hint", { autocomplete: true }) },
      run: async () => ({ pages: [] }),
    });
    expect(command.data.options).toEqual([
      { type: T.String, name: "name", description: "A name", required: true, max_length: 10 },
      { type: T.Boolean, name: "private", description: "Only you", required: false },
      { type: T.String, name: "hint", description: "A hint", required: false, autocomplete: true },
    ]);
    expect(command.data.default_member_permissions).toBeUndefined();
  });

  it("turn the admin precondition into Discord's defaults: Manage Server, servers only", () => {
    const command = botCommand({
      name: "probe",
      description: "A probe",
      requires: ["admin"],
      subcommands: { go: { description: "Go", options: { where: text("Where", { required: true }) } } },
      run: async () => ({}),
    });
    expect(command.data.default_member_permissions).toBe("32");
    expect(command.data.contexts).toEqual([0]);
    expect(command.data.options?.[0]).toMatchObject({ type: T.Subcommand, name: "go", options: [{ name: "where", required: true }] });
    expect(Object.keys(optionSpecs(command, "go"))).toEqual(["where"]);
    expect(optionSpecs(command, null)).toEqual({});
  });

  it("every admin-only command is a bot command; the only other bot commands are a member's own follows", () => {
    for (const c of commands) if (c.requires.includes("admin")) expect(c.kind, c.data.name).toBe("bot");
    expect(commands.filter((c) => c.kind === "bot" && !c.requires.includes("admin")).map((c) => c.data.name)).toEqual(["follow", "unfollow"]);
  });
});
