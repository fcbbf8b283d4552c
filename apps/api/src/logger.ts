import { stdoutLines } from "./log-lines.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Standard output, batched per turn of the event loop; warnings and errors are written at once. */
const toStdout = (line: string, level: LogLevel): void => stdoutLines().write(line, ORDER[level] >= ORDER.warn);

/**
 * Structured logs: one JSON object per line. Never pass message bodies or keys in fields.
 * `write` gets each line with its level (default: standard output, see log-lines.ts).
 */
export function jsonLogger(
  write: (line: string, level: LogLevel) => void = toStdout,
  minLevel: LogLevel = (process.env.CALIPER_LOG_LEVEL as LogLevel | undefined) ?? "info",
): Logger {
  const log =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (ORDER[level] < ORDER[minLevel]) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`, level);
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** Discards everything (tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
