import { type FSWatcher, watch } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { indexPlan } from '../audit/plan-spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadPlan } from '../load/load-plan.js';
import type { Intake } from './intake.js';

/** What became of a change to the plan's files: swapped in (its revision), or refused (why; the old plan stays). */
export type PlanChange = { kind: 'loaded'; revision: number } | { kind: 'rejected'; diagnostics: Diagnostic[] };

/** How long the files must be quiet before the plan is read again: an editor's save is several events. */
export const WATCH_DEBOUNCE_MS = 100;

/**
 * Watch the plan and every file it imports; when one changes, load and check the plan again and,
 * if it passes, have the intake check later messages against it. The folders are watched, not
 * the files: an editor that saves by writing a new file and renaming it over the old one leaves a
 * watch on the old file's inode deaf to later changes.
 */
export function watchPlan(file: string, first: ReadonlyMap<string, string>, intake: Intake, told: (c: PlanChange) => void, debounceMs = WATCH_DEBOUNCE_MS): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  let names = new Set<string>();
  let texts: ReadonlyMap<string, string> = first;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const follow = (files: Iterable<string>) => {
    names = new Set([...files].map((f) => resolve(f)));
    for (const dir of new Set([...names].map((f) => dirname(f)))) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, (_event, name) => {
          // Some platforms do not say which file; then any change in the folder counts.
          if (name === null || names.has(resolve(dir, name.toString()))) soon();
        });
        w.on('error', () => undefined);
        watchers.set(dir, w);
      } catch {
        // A folder that went away: the next load says what is missing.
      }
    }
  };
  const soon = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  };
  const reload = async () => {
    if (running) return void (again = true);
    running = true;
    try {
      const loaded = await loadPlan(file);
      if (closed) return;
      follow(loaded.sources.keys());
      // A save that changed nothing (an editor touching the file) is not a new revision.
      const same = loaded.sources.size === texts.size && [...loaded.sources].every(([k, v]) => texts.get(k) === v);
      if (same) return;
      if (!loaded.plan) return told({ kind: 'rejected', diagnostics: loaded.diagnostics.filter((d) => d.severity === 'error') });
      const index = await indexPlan(loaded.plan);
      if (closed) return;
      texts = loaded.sources;
      told({ kind: 'loaded', revision: intake.usePlan(loaded.plan, loaded.locate, index).revision });
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        soon();
      }
    }
  };

  follow(first.keys());
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
    },
  };
}
