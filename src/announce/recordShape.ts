// What the announcement record holds, as stored (the JSON file, src/state/jsonFile.ts) and as read back from its rows
// in PostgreSQL (recordRows.ts): the queued messages, the articles announced, the messages posted, the copies of a
// story. Apart from record.ts (the record as the announcer uses it), so the rows need not import the record they serve.
import type { APIEmbed } from "discord.js";
import { z } from "zod";

export interface QueuedMessage {
  /** Random, 20 characters: also the message nonce, so Discord drops a repeat of a send it already took. */
  id: string;
  channel: string;
  /** What it is, for log lines: "article <id>", "resend <id>", "digest". */
  label: string;
  embed: APIEmbed;
  attempts: number;
  /** Not before this time (ms since the epoch). */
  nextAt: number;
  lastError?: string;
  /** A summary post: the articles folded into it (its embed lists them) and when it was first queued. */
  folded?: FoldedArticle[];
  openedAt?: number;
  /** The article announced (its message id is kept once posted, for "also reported by"). */
  article?: string;
  /** The channel's opt-in role, mentioned with it. */
  role?: string;
  /** Start a thread from the message, with this name. */
  thread?: string;
  /** An edit of this message instead of a new one. */
  edit?: string;
  /** Posted again on request (/announce resend): not the article's announcement, which a channel gets once. */
  resend?: boolean;
}

/** The article `m` announces in its channel, once ever (not an edit or a resend), if it announces one. */
export function announces(m: QueuedMessage): string | undefined {
  return m.edit === undefined && !m.resend ? m.article : undefined;
}

export interface StoredRecord {
  version: 1;
  /** Article id → when it was recorded as announced (ISO). */
  announced: Record<string, string>;
  queue: QueuedMessage[];
  /** Article id → channel → the message announcing it, for the last POSTED_KEPT articles posted. */
  posted?: Record<string, Record<string, string>>;
  /** Article id → the story it is a copy of (announced as "also reported by" in that story's announcement). */
  copies?: Record<string, string>;
}

/** Messages are remembered for this many articles: a story is reported again by other outlets within days. */
export const POSTED_KEPT = 500;

// Loose objects: keys a later version adds are kept. The embed is Discord's to judge; here it must be an object.
export const queuedSchema = z.looseObject({
  id: z.string().min(1),
  channel: z.string(),
  label: z.string(),
  embed: z.looseObject({}),
  attempts: z.number().int().min(0),
  nextAt: z.number(),
  lastError: z.string().optional(),
  folded: z.array(z.looseObject({ id: z.string(), title: z.string(), outlet: z.string().optional(), url: z.string().optional() })).optional(),
  openedAt: z.number().optional(),
  article: z.string().optional(),
  role: z.string().optional(),
  thread: z.string().optional(),
  edit: z.string().optional(),
  resend: z.boolean().optional(),
}) as z.ZodType<QueuedMessage>;

export const storedSchema: z.ZodType<StoredRecord> = z.looseObject({
  version: z.literal(1),
  announced: z.record(z.string(), z.string()),
  queue: z.array(queuedSchema),
  posted: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  copies: z.record(z.string(), z.string()).optional(),
}) as z.ZodType<StoredRecord>;

/** An article folded into a summary post: enough to list it without the knowledge base. */
export interface FoldedArticle {
  id: string;
  title: string;
  outlet?: string;
  url?: string;
}

export type NewMessage = Pick<QueuedMessage, "channel" | "label" | "embed"> &
  Partial<Pick<QueuedMessage, "nextAt" | "folded" | "openedAt" | "article" | "role" | "thread" | "edit" | "resend">>;

/** New content for a queued message: a summary that more articles join, an announcement a copy of its story joins. */
export type MessageUpdate = Pick<QueuedMessage, "id" | "embed"> & Partial<Pick<QueuedMessage, "nextAt" | "folded">>;

/** A record as read (or none yet): every part present, copied so the read value is not changed in place. */
export function complete(value: StoredRecord | undefined): StoredRecord {
  return {
    version: 1,
    announced: { ...(value?.announced ?? {}) },
    queue: [...(value?.queue ?? [])],
    posted: { ...(value?.posted ?? {}) },
    copies: { ...(value?.copies ?? {}) },
  };
}
