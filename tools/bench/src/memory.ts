import { readFileSync } from 'node:fs';

/** Peak resident set of this process so far (`VmHWM`), in bytes; undefined off Linux. */
export function peakRssBytes(): number | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples this process's RSS every `everyMs` and keeps the largest value. */
export function startRssSampler(everyMs = 100): { stop(): number } {
  let max = process.memoryUsage.rss();
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, process.memoryUsage.rss());
    },
  };
}
