/**
 * The page's main-thread tasks from a Chromium trace, with their thread (CPU) time as well as
 * their wall time: on a loaded machine (other processes sharing the 2 cores) wall time grows with
 * the wait for a core, CPU time does not, so the CPU figure is what the task costs on an idle one.
 */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The longest main-thread task between two `performance.mark`s of the page (ms). */
export interface TaskFigures {
  longestWallMs: number;
  longestCpuMs: number;
  /** Tasks of more than 50 ms of CPU time. */
  overBudget: number;
}

export async function startTaskTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
}

/** Stops the trace and measures the renderer's main-thread tasks from mark `from` to mark `to` (or the end). */
export async function stopTaskTrace(browser: Browser, spans: Array<{ from: string; to?: string }>): Promise<TaskFigures[]> {
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const events = trace.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
  const markAt = (name: string | undefined): number => (name === undefined ? Infinity : (events.find((e) => e.name === name)?.ts ?? NaN));
  return spans.map(({ from, to }) => {
    const start = markAt(from);
    const end = markAt(to);
    // A task belongs to the span it ends in: the task that sets a mark started before it.
    const inSpan = tasks.filter((t) => t.ts + (t.dur ?? 0) > start && t.ts + (t.dur ?? 0) <= end);
    const cpu = inSpan.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
    return {
      longestWallMs: Math.max(0, ...inSpan.map((t) => (t.dur ?? 0) / 1000)),
      longestCpuMs: Math.max(0, ...cpu),
      overBudget: cpu.filter((ms) => ms > 50).length,
    };
  });
}
