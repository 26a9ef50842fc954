// What a user is told when a command cannot answer, in one place for Discord and the console (as Sapphire's
// UserError): a UserError's message is written for the user and shown as it is; anything else is a bug, logged
// with the command and answered with a short generic note.
import type { Logger } from "../log.ts";
import { safeError } from "../util/safeError.ts";

/**
 * Every kind of UserError, one stable identifier each: a second language keys its messages on these, and a
 * message may change wording without changing what it is.
 */
export type UserErrorId =
  // The words a command needs are missing (each command says which, in its own words).
  | "who-needs-name"
  | "when-needs-event"
  | "quote-needs-speaker-or-text"
  | "search-needs-query"
  // /announce: the article named, and where its announcement would go.
  | "no-such-article"
  | "article-gone"
  | "no-announce-channel"
  | "announce-needs-channel"
  | "not-announce-channel"
  | "announce-everyone-role"
  | "too-many-filters"
  // /follow, /unfollow: whom or what, and how many.
  | "follow-needs-person"
  | "follow-needs-words"
  | "follow-unknown-person"
  | "follow-limit"
  | "not-following"
  // A command's preconditions, and where it may run.
  | "admin-only"
  | "admin-in-console"
  | "unavailable-here"
  | "unknown-command"
  // Buttons that cannot be used (any more, or by this user).
  | "buttons-expired"
  | "buttons-not-yours"
  // Load: the user's own budget, the bot's queue, a restart.
  | "slow-down"
  | "busy"
  | "restarting"
  // The knowledge base could not be read (its database is restarting or out of reach), or is not written yet.
  | "answers-unavailable"
  | "kb-being-built"
  // /reload on a shard: the shard that writes the corpus did not answer, or could not reload it.
  | "reload-elsewhere";

/** A problem whose message is safe and useful to show the user as it is (bad input, nothing to share, ...). */
export class UserError extends Error {
  override name = "UserError";

  constructor(
    readonly id: UserErrorId,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The answers could not be looked up (the database holding the knowledge base is restarting or out of reach): the
 * user is told to try again, and, unlike other UserErrors, it is logged with the command, since the cause is ours.
 */
export class AnswersUnavailable extends UserError {
  override name = "AnswersUnavailable";

  constructor(options?: ErrorOptions) {
    super("answers-unavailable", "The articles cannot be looked up right now. Please try again in a moment.");
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * The knowledge base a shard answers from is not written yet: the process that leads is writing the corpus to the
 * database for the first time (a new database). The shard answers once it is.
 */
export class KnowledgeBaseBeingBuilt extends UserError {
  override name = "KnowledgeBaseBeingBuilt";

  constructor() {
    super("kb-being-built", "The knowledge base is being built. Please try again in a moment.");
  }
}

/** A command that cannot run here: a bot command where there is no running bot to act on (`note` says why). */
export const unavailableHere = (command: string, note?: string): UserError =>
  new UserError("unavailable-here", `\`/${command}\` is not available in this mode.${note ? ` ${note}` : ""}`);

export const GENERIC_ERROR = "Sorry, something went wrong while answering. Please try again in a moment.";

export interface FailureContext {
  /** Logged with the error: the command (`/who`) and whatever identifies the request (an interaction id). */
  fields: { command: string } & Record<string, unknown>;
  /** Strings that must never reach the log (the bot token). */
  secrets?: readonly string[];
  /** The log line. Default "command failed". */
  event?: string;
  /** What the user reads instead of a bug's message. Default GENERIC_ERROR. */
  generic?: string;
}

/** The message to show for `err`: a UserError's own, else (after logging the error, token-free) the generic note. */
export function userFacing(err: unknown, log: Logger, context: FailureContext): string {
  if (err instanceof AnswersUnavailable) {
    log.warn({ ...context.fields, err: safeError(err.cause, context.secrets) }, "answers unavailable");
    return err.message;
  }
  if (err instanceof UserError) return err.message;
  log.error({ ...context.fields, err: safeError(err, context.secrets) }, context.event ?? "command failed");
  return context.generic ?? GENERIC_ERROR;
}
