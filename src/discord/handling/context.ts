// What every handler gets for one interaction, and the work slots they share.
import type { Command } from "../../../commands/index.ts";
import type { BotServices } from "../../../commands/services.ts";
import type { AsyncAnswers } from "../../answer/types.ts";
import { UserError } from "../../render/errors.ts";
import type { WorkSlots } from "../rateLimit.ts";

export interface HandlerContext {
  /** The answers of this moment, so that one reply never mixes two corpora. */
  answers: AsyncAnswers;
  /** What bot commands act on; absent where there is no running bot to act on. */
  services?: BotServices;
  commands: ReadonlyMap<string, Command>;
  slots: WorkSlots;
  /** Defer when the answer is not ready this long after the interaction was created. */
  deferAfterMs: number;
}

export const unknownCommand = (name: string): UserError => new UserError("unknown-command", `\`/${name}\` is not a command of this bot any more.`);

export function findCommand(ctx: HandlerContext, name: string): Command {
  const command = ctx.commands.get(name);
  if (!command) throw unknownCommand(name);
  return command;
}

/**
 * Runs `work` in a work slot. When none is free the interaction is acknowledged first (`defer`), so waiting never
 * runs into Discord's 3 s, and `work` then finds it deferred. A full queue is refused before anything is sent.
 */
export async function withSlot(ctx: HandlerContext, defer: () => Promise<unknown>, work: () => Promise<void>): Promise<void> {
  const mustWait = !ctx.slots.free;
  const waiting = ctx.slots.acquire();
  if (mustWait) {
    try {
      await defer();
    } catch (err) {
      void waiting.then((r) => r());
      throw err;
    }
  }
  const release = await waiting;
  try {
    await work();
  } finally {
    release();
  }
}
