import { ConfigError } from "./config.ts";
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

/**
 * The lowest level logged, from CALIPER_LOG_LEVEL (default info; any case). Anything else stops
 * the process at start: an unknown level used to log everything, debug lines included.
 */
export function logLevel(value: string | undefined = process.env.CALIPER_LOG_LEVEL): LogLevel {
  if (value === undefined || value.trim() === "") return "info";
  const level = value.trim().toLowerCase();
  if (Object.hasOwn(ORDER, level)) return level as LogLevel;
  throw new ConfigError(`CALIPER_LOG_LEVEL must be debug, info, warn or error, not '${value}'`);
}

/** Standard output, batched per turn of the event loop; warnings and errors are written at once. */
const toStdout = (line: string, level: LogLevel): void => stdoutLines().write(line, ORDER[level] >= ORDER.warn);

/**
 * Structured logs: one JSON object per line. Never pass message bodies or keys in fields.
 * `write` gets each line with its level (default: standard output, see log-lines.ts).
 */
export function jsonLogger(
  write: (line: string, level: LogLevel) => void = toStdout,
  minLevel: LogLevel = logLevel(),
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
