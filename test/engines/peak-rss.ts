import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak resident memory (VmHWM, in MB) of the processes of one process group, added up: an
 * engine's JVM and whatever started it. Linux only; 0 where /proc cannot say.
 */
export function peakRssMb(pgid: number): number {
  let kb = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      // Field 5 of stat is the process group; the command name before it may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) kb += Number(hwm[1]);
    } catch {
      // Gone meanwhile.
    }
  }
  return Math.round(kb / 1024);
}
