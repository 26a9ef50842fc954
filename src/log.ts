import pino from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const isLevel = (value: string | undefined): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value ?? "");

// Logs go to stderr so stdout stays clean for command output (the `kb` JSON, `ask --jsonl` answers, the console).
// Modules may log before the configuration is read, so the logger starts at LOG_LEVEL from the environment (when it
// is a level) and loadConfig() sets the validated level, which may come from .env, once it has read it. Loggers
// are made from this one with child() after that (pino children keep the level they were made with).
export const log = pino(
  {
    level: isLevel(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info",
    base: undefined,
    redact: { paths: ["token", "*.token", "config.discordToken", "headers.authorization"], censor: "[redacted]" },
  },
  pino.destination({ fd: 2, sync: true }),
);

export type Logger = typeof log;
