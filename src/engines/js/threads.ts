import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * One thread per core this process may use: the CPUs it may run on, fewer when a cgroup
 * quota limits it (a container with 2 CPUs on a 64-core host), and at most 16, past which
 * reading and merging gain little and each thread costs memory.
 */
export function defaultThreads(): number {
  let n = availableParallelism();
  try {
    const quota = cgroupCpus(readFileSync('/sys/fs/cgroup/cpu.max', 'utf8'));
    if (quota !== undefined) n = Math.min(n, quota);
  } catch {
    // No cgroup v2 quota to read: the CPUs available are the limit.
  }
  return Math.min(n, 16);
}

/** CPUs a cgroup v2 `cpu.max` allows ("200000 100000" is 2), or undefined for no limit. */
export function cgroupCpus(text: string): number | undefined {
  const [quota, period] = text.trim().split(/\s+/);
  const q = Number(quota);
  const p = Number(period ?? 100000);
  if (quota === 'max' || !Number.isFinite(q) || !Number.isFinite(p) || q <= 0 || p <= 0) return undefined;
  return Math.max(1, Math.ceil(q / p));
}
