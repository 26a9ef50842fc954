import pino from "pino";

// Logs go to stderr so stdout stays clean for command output (the `kb` JSON, `ask --jsonl` answers, the console).
// The level comes from LOG_LEVEL directly, not from config, so that modules can log before config is validated.
export const log = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: undefined,
    redact: { paths: ["token", "*.token", "config.discordToken", "headers.authorization"], censor: "[redacted]" },
  },
  pino.destination({ fd: 2, sync: true }),
);

export type Logger = typeof log;
