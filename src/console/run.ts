// The local console: slash commands typed as in Discord, answers printed as the Discord reply would read.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Command } from "../../commands/index.ts";
import { consoleName } from "../../commands/types.ts";
import type { AsyncAnswers } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import { userFacing } from "../render/errors.ts";
import type { AnswerView } from "../render/model.ts";
import { buildReply } from "../render/reply.ts";
import { replyToText } from "../render/text.ts";
import { parseLine, usage } from "./parse.ts";

export interface ConsoleOptions {
  /** The answers of either engine. */
  answers: AsyncAnswers;
  commands: ReadonlyMap<string, Command>;
  input: Readable;
  output: Writable;
  log: Logger;
  /** Show a prompt (an interactive terminal). */
  prompt?: boolean;
}

export function helpText(commands: ReadonlyMap<string, Command>): string {
  const lines = ["Commands (type them as in Discord; name options with name:value):"];
  // A bot command is refused here (it needs the running bot): not offered.
  for (const c of new Set(commands.values())) {
    if (c.kind !== "bot") lines.push(`  ${usage(c).padEnd(36)} ${c.kind === "message" ? c.description : c.data.description}`);
  }
  lines.push("  /next, /prev                         turn the pages of the last answer");
  lines.push("Examples: /who Linus Torvalds · /quote speaker:Josef Bacik · /quote text:religious war private:true");
  return lines.join("\n");
}

/** A bug's note: unlike on Discord, trying again in a moment would give the same answer. */
const CONSOLE_ERROR = "Sorry, something went wrong while answering.";

// Control characters from a query or an article (ESC sequences above all) would drive the terminal: clear it, move
// the cursor, retitle the window. Tabs and newlines are layout and stay.
const CONTROLS = /[^\P{Cc}\t\n]/gu;
const withoutControls = (s: string): string => s.replace(CONTROLS, "");

/** Runs until the input ends (EOF, Ctrl-D). Answers lines in order. */
export async function runConsole(o: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: o.input, terminal: false, crlfDelay: Infinity });
  const write = (s: string): void => {
    const safe = withoutControls(s);
    o.output.write(safe.endsWith("\n") ? safe : `${safe}\n`);
  };
  const prompt = (): void => void (o.prompt && o.output.write("> "));
  let last: { view: AnswerView; page: number; ephemeral: boolean } | undefined;
  prompt();
  for await (const line of rl) {
    const parsed = parseLine(line, o.commands);
    switch (parsed.kind) {
      case "empty":
        break;
      case "help":
        write(helpText(o.commands));
        break;
      case "hint":
        write(parsed.message);
        break;
      case "refused":
        write(parsed.error.message);
        break;
      case "page": {
        if (!last) {
          write("No answer to page through yet.");
          break;
        }
        const page = last.page + parsed.delta;
        if (page < 0 || page >= last.view.pages.length) {
          write(parsed.delta > 0 ? "That was the last page." : "That was the first page.");
          break;
        }
        last.page = page;
        write(replyToText(buildReply(last.view, { page, ephemeral: last.ephemeral })));
        break;
      }
      case "command":
        try {
          const view = await parsed.command.run(o.answers, parsed.options);
          last = { view, page: 0, ephemeral: parsed.options.private === true };
          write(replyToText(buildReply(view, { ephemeral: last.ephemeral })));
          if (view.pages.length > 1) write("(type /next or /prev to turn the pages)");
        } catch (err) {
          const context = { fields: { command: `/${consoleName(parsed.command)}` }, event: "console command failed", generic: CONSOLE_ERROR };
          write(userFacing(err, o.log, context));
        }
        break;
    }
    if (parsed.kind !== "empty") write("");
    prompt();
  }
}
