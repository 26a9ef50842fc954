// Drives the real router as discord.js would, with the unit tests' fake interaction (tests/discord/interactions.ts):
// it records every call and, like discord.js, refuses a second acknowledgement.
import { PermissionsBitField } from "discord.js";
import { everyCommandByName } from "../../commands/index.ts";
import type { BotServices } from "../../commands/services.ts";
import { announcementsOf } from "../../src/announce/service.ts";
import { followsOf } from "../../src/follow/service.ts";
import { FollowStore } from "../../src/follow/store.ts";
import { answersNow } from "../../src/answer/index.ts";
import type { Answers } from "../../src/answer/types.ts";
import { createRouter } from "../../src/discord/router.ts";
import type { KnowledgeBase } from "../../src/kb/types.ts";
import { fakeInteraction, type Method, type Spec as InteractionSpec } from "../discord/interactions.ts";
import { recordingLog } from "../support/log.ts";

export type Json = Record<string, unknown>;
export const MESSAGE_METHODS = new Set<Method>(["reply", "editReply", "followUp", "update"]);

export const ASKER = "555555555555555555";

// Follows kept in memory: a store whose file does not exist and that never writes.
const memoryStore = await FollowStore.open("/nonexistent/newsdesk/follows.json", { readOnly: true });

/** Always in a server, where the member may do anything (admin commands included); by default the asker. */
export type Spec = Omit<InteractionSpec, "userId" | "permissions" | "inGuild"> & { userId?: string };

/** Bot services over a knowledge base: the channel list is fixed, resend and reload succeed. */
export function servicesOver(kb: KnowledgeBase): BotServices {
  const ref = (a: { id: string; title: string }) => ({ id: a.id, title: a.title });
  const announcer = { channels: ["123456789012345678"], resend: async () => true };
  const reload = async () => ({
    added: kb.articles.map(ref),
    changed: kb.articles.slice(0, 1).map(ref),
    removed: [],
    articles: kb.articles.length,
    // A file name is at most 255 bytes; anything else may be in it.
    skipped: kb.articles.map((a) => ({ file: `corpus/${[...a.title.replace(/\//g, "")].slice(0, 60).join("")}.md`, problem: a.title })),
    extracted: kb.articles.length,
    ms: 12,
  });
  return { corpus: { articles: () => kb.articles, reload }, announcements: announcementsOf(announcer, () => kb), follows: followsOf(memoryStore) };
}

/**
 * Runs one interaction through a fresh real router (so per-user rate limits never carry over between runs); the log
 * shows whether anything failed unexpectedly.
 */
export async function route(answers: Answers, kb: KnowledgeBase, spec: Spec) {
  const { log } = recordingLog();
  const router = createRouter({ answers: answersNow(answers), services: servicesOver(kb), commands: everyCommandByName, log, secrets: [] });
  const { interaction, calls } = fakeInteraction({ ...spec, userId: spec.userId ?? ASKER, permissions: PermissionsBitField.All });
  await router(interaction as never);
  return { calls, log, messages: calls.filter((c) => MESSAGE_METHODS.has(c.method)).map((c) => c.body as Json) };
}
