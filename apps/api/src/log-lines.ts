/**
 * Where the server's log lines go: one write per turn of the event loop instead of one per line.
 *
 * Under load the server logs a line per request, and each write is a system call — about as
 * costly, on the benchmarks' virtual machine, as everything else the request log does. Lines
 * written during a turn wait for the next check phase (`setImmediate`) and go out together, in
 * order. A line that must not wait (a warning or an error, which may come just before the process
 * dies) is written at once, after the lines before it; lines still waiting when the process exits
 * are written then, and a queue past `maxChars` characters is written without waiting.
 */
export interface LineSink {
  /** Queues a line (ending in "\n"); with `now`, writes it and everything queued before it at once. */
  write(line: string, now?: boolean): void;
  /** Writes everything queued. */
  flush(): void;
}

export function batchedLines(out: (chunk: string) => void, maxChars = 64 * 1024): LineSink {
  let queued: string[] = [];
  let chars = 0;
  let scheduled = false;
  const flush = () => {
    if (queued.length === 0) return;
    const chunk = queued.length === 1 ? (queued[0] as string) : queued.join("");
    queued = [];
    chars = 0;
    out(chunk);
  };
  const onTurn = () => {
    scheduled = false;
    flush();
  };
  return {
    write(line, now = false) {
      queued.push(line);
      chars += line.length;
      if (now || chars >= maxChars) return flush();
      if (scheduled) return;
      scheduled = true;
      // Unreferenced: a pending log line never keeps the process alive (the exit hook writes it).
      setImmediate(onTurn).unref();
    },
    flush,
  };
}

let stdoutSink: LineSink | null = null;

/** Standard output as a batched sink, shared by every logger of the process, flushed at exit. */
export function stdoutLines(): LineSink {
  if (stdoutSink) return stdoutSink;
  const sink = batchedLines((chunk) => process.stdout.write(chunk));
  process.once("exit", () => sink.flush());
  stdoutSink = sink;
  return sink;
}
