import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { answerCommand } from "../../commands/define.ts";
import { commandsByName, type Command } from "../../commands/index.ts";
import { text } from "../../commands/options.ts";
import { answersNow } from "../../src/answer/index.ts";
import type { Answers } from "../../src/answer/types.ts";
import { parseLine } from "../../src/console/parse.ts";
import { runConsole } from "../../src/console/run.ts";
import type { Logger } from "../../src/log.ts";
import { UserError } from "../../src/render/errors.ts";
import { recordingLog } from "../support/log.ts";

const parse = (line: string) => parseLine(line, commandsByName);
const options = (line: string) => {
  const p = parse(line);
  if (p.kind !== "command") throw new Error(`${line}: ${JSON.stringify(p)}`);
  return p.options;
};
const hint = (line: string) => {
  const p = parse(line);
  if (p.kind !== "hint") throw new Error(`${line}: expected a hint, got ${p.kind}`);
  return p.message;
};

describe("console line parsing", () => {
  it("puts the rest of the line in the first option", () => {
    expect(options("/who Linus Torvalds")).toEqual({ name: "Linus Torvalds" });
    expect(options("/quote Josef Bacik")).toEqual({ speaker: "Josef Bacik" });
    expect(options("/timeline")).toEqual({});
    expect(options("/search rust: the language")).toEqual({ query: "rust: the language" });
  });

  it("reads name:value pairs, values running to the next option name", () => {
    expect(options("/quote speaker:Josef Bacik")).toEqual({ speaker: "Josef Bacik" });
    expect(options("/quote text:religious war")).toEqual({ text: "religious war" });
    expect(options("/quote speaker:Linus Torvalds text:religious war private:true")).toEqual({
      speaker: "Linus Torvalds",
      text: "religious war",
      private: true,
    });
    expect(options("/who Linus Torvalds private:yes")).toEqual({ name: "Linus Torvalds", private: true });
    expect(options("/WHO name: Linus")).toEqual({ name: "Linus" });
  });

  it("gives one-line hints for unknown commands and options and bad values", () => {
    expect(hint("/frob x")).toMatch(/^Unknown command \/frob\. Try \/who/);
    expect(hint("/quote speakr:Josef")).toMatch(/Unknown option speakr for \/quote/);
    expect(hint("/who")).toMatch(/\/who needs name/);
    expect(hint("/who x private:maybe")).toMatch(/true or false/);
    expect(hint("/about something")).toMatch(/takes no text/);
    expect(hint("/who " + "x".repeat(65))).toMatch(/at most 64/);
    expect(hint("who is Linus")).toMatch(/slash command/);
    for (const h of [hint("/frob"), hint("/quote speakr:J")]) expect(h).not.toContain("\n");
  });

  it("knows /help, /next, /prev and blank lines", () => {
    expect(parse("/help").kind).toBe("help");
    expect(parse("/next")).toEqual({ kind: "page", delta: 1 });
    expect(parse("/prev")).toEqual({ kind: "page", delta: -1 });
    expect(parse("   ").kind).toBe("empty");
  });
});

/** Runs the console over the given input lines and returns everything it printed; by default it must log nothing. */
async function consoleOutput(answers: Answers, lines: string, commands: ReadonlyMap<string, Command> = commandsByName, log?: Logger): Promise<string> {
  const quiet = recordingLog();
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (d: Buffer) => (out += d.toString()));
  const done = runConsole({ answers: answersNow(answers), commands, input, output, log: log ?? quiet.log });
  input.end(lines);
  await done;
  expect(quiet.lines).toEqual([]);
  return out;
}

describe("console loop", () => {
  it("answers in order, pages with /next, and ends at EOF", async () => {
    const asOf = { articles: 1, newest: "2025" };
    const source = { article: "a", title: "T", outlet: "O", published: "2025" };
    const answers = {
      search: (q: string) => ({ hits: Array.from({ length: 7 }, (_, i) => ({ text: `${q} hit ${i}`, matched: [q], source })), asOf }),
    } as unknown as Answers;
    const out = await consoleOutput(answers, "/search rust\n/next\n/next\n/quote\n");
    expect(out).toMatch(/Search: rust[\s\S]*rust hit 0[\s\S]*Page 1\/2[\s\S]*rust hit 5[\s\S]*Page 2\/2[\s\S]*That was the last page\.[\s\S]*Give a `?speaker/);
  });

  it("refuses the admin commands, whatever follows them, before reading their options", async () => {
    const out = await consoleOutput({} as Answers, "/reload\n/reload now\n/announce preview article:x\n/announce\n");
    const reload = "`/reload` is a server admin command: use it in Discord (the console reads the corpus at start).";
    const announce = "`/announce` is a server admin command: use it in Discord.";
    expect(out.split("\n").filter(Boolean)).toEqual([reload, reload, announce, announce]);
  });

  it("shows a UserError as it is, and answers a bug with a short note, logging it under the command", async () => {
    const failing = answerCommand({
      name: "fail",
      description: "fails",
      options: { why: text("why") },
      run(_answers, { why }) {
        if (why === "user") throw new UserError("search-needs-query", "Say what to look for.");
        throw new Error("bug");
      },
    });
    const { log } = recordingLog();
    const out = await consoleOutput({} as Answers, "/fail user\n/fail bug\n", new Map([["fail", failing]]), log);
    expect(out.split("\n").filter(Boolean)).toEqual(["Say what to look for.", "Sorry, something went wrong while answering."]);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]?.[0]).toMatchObject({ command: "/fail", err: { message: "bug" } });
  });

  it("never passes terminal control sequences from a query or an article to the terminal", async () => {
    const asOf = { articles: 1, newest: "2025" };
    const source = { article: "a", title: "T\u001b]0;owned\u0007", outlet: "O", published: "2025" };
    const answers = {
      search: (q: string) => ({ hits: [{ text: `${q} \u001b[2J cleared`, matched: [], source }], asOf }),
    } as unknown as Answers;
    const out = await consoleOutput(answers, "/search rust \u001b[31mred\n");
    expect(out).toContain("cleared");
    expect(out).not.toMatch(/[^\P{Cc}\t\n]/u);
  });
});
