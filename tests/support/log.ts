// A logger for tests: a real pino logger (so the code under test gets the Logger it expects, serializers and child
// loggers included) that writes into memory instead of stderr, with a spy on each level method for assertions on
// the arguments as logged.
import pino, { type Level } from "pino";
import { vi, type MockInstance } from "vitest";
import type { Logger } from "../../src/log.ts";

/** One log line as pino wrote it: its numeric level (30 info, 40 warn, 50 error), msg, and the fields logged. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

type LevelSpy = MockInstance<(fieldsOrMessage?: unknown, message?: string, ...args: unknown[]) => void>;

/** The bot's Logger whose level methods are also spies (`log.error.mock.calls`, `expect(log.warn).toHaveBeenCalled()`). */
export type RecordedLogger = Logger & Record<Level, LevelSpy>;

export interface RecordingLog {
  log: RecordedLogger;
  /** Every line written, in order, children's lines included. */
  lines: LogLine[];
  /** The messages of the lines at `level` (all lines when omitted). */
  messages(level?: Level): string[];
}

/** A recording logger; `level` is the lowest level recorded (default: everything). */
export function recordingLog(level: Level = "trace"): RecordingLog {
  const lines: LogLine[] = [];
  const log = pino({ level, base: undefined, timestamp: false }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  for (const name of Object.keys(pino.levels.values) as Level[]) vi.spyOn(log, name);
  const messages = (at?: Level): string[] => lines.filter((l) => at === undefined || l.level === pino.levels.values[at]).map((l) => l.msg);
  // vi.spyOn has replaced each level method with a spy that calls through: the one cast that says so.
  return { log: log as RecordedLogger, lines, messages };
}
