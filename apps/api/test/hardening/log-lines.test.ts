import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { batchedLines } from "../../src/log-lines.ts";
import { jsonLogger, type LogLevel } from "../../src/logger.ts";

/** The server's log sink: one write per turn of the event loop, nothing lost or reordered. */

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("batched log lines", () => {
  it("writes a turn's lines together, in order, after the turn", async () => {
    const chunks: string[] = [];
    const sink = batchedLines((c) => chunks.push(c));
    sink.write("a\n");
    sink.write("b\n");
    sink.write("c\n");
    expect(chunks).toEqual([]);
    await nextTurn();
    expect(chunks).toEqual(["a\nb\nc\n"]);
    sink.write("d\n");
    await nextTurn();
    expect(chunks).toEqual(["a\nb\nc\n", "d\n"]);
  });

  it("writes an urgent line at once, after the lines queued before it", () => {
    const chunks: string[] = [];
    const sink = batchedLines((c) => chunks.push(c));
    sink.write("request\n");
    sink.write("error\n", true);
    expect(chunks).toEqual(["request\nerror\n"]);
  });

  it("writes without waiting once the queue passes its size", () => {
    const chunks: string[] = [];
    const sink = batchedLines((c) => chunks.push(c), 10);
    sink.write("12345\n");
    expect(chunks).toEqual([]);
    sink.write("67890\n");
    expect(chunks).toEqual(["12345\n67890\n"]);
  });

  it("gives the logger's write each line with its level", () => {
    const seen: [string, LogLevel][] = [];
    const logger = jsonLogger((line, level) => seen.push([line, level]), "info");
    logger.debug("hidden");
    logger.info("request", { status: 200 });
    logger.error("broken");
    expect(seen.map(([, level]) => level)).toEqual(["info", "error"]);
    expect(JSON.parse(seen[0]?.[0] ?? "")).toMatchObject({ level: "info", msg: "request", status: 200 });
  });
});

describe("the default logger on standard output", () => {
  const logger = fileURLToPath(new URL("../../src/logger.ts", import.meta.url));
  const run = (script: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, CALIPER_LOG_LEVEL: "info" },
    });
  const messages = (stdout: string) =>
    stdout
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { msg: string }).msg);

  it("writes the lines still queued when the process exits", () => {
    const out = run(
      `const { jsonLogger } = await import(${JSON.stringify(logger)});
       const log = jsonLogger();
       for (let i = 0; i < 3; i++) log.info("line " + i);
       process.exit(0);`,
    );
    expect(out.status).toBe(0);
    expect(messages(out.stdout)).toEqual(["line 0", "line 1", "line 2"]);
  });

  it("keeps every line logged before an uncaught error, in order", () => {
    const out = run(
      `const { jsonLogger } = await import(${JSON.stringify(logger)});
       const log = jsonLogger();
       log.info("before");
       log.warn("about to fail");
       log.info("after");
       setTimeout(() => { throw new Error("boom"); }, 0);`,
    );
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain("boom");
    expect(messages(out.stdout)).toEqual(["before", "about to fail", "after"]);
  });
});
