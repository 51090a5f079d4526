// Preloaded by tests with `node --import`: stops the process with SIGKILL, as `kill -9` or a
// power cut would, just before the Nth call of a file operation (TRACKPLAN_TEST_KILL_AT=
// "rename:3"), so that a test can interrupt a write at every step, deterministically. With
// TRACKPLAN_TEST_FS_LOG set, each call is logged to stderr first (`#fs rename <from> <to>`).
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const [killOp, killAt] = (process.env.TRACKPLAN_TEST_KILL_AT ?? '').split(':');
const log = process.env.TRACKPLAN_TEST_FS_LOG !== undefined;
const calls = new Map();
for (const op of ['writeFile', 'rename', 'rm']) {
  const real = fsp[op];
  fsp[op] = function (...args) {
    const n = (calls.get(op) ?? 0) + 1;
    calls.set(op, n);
    if (log) process.stderr.write(`#fs ${op} ${op === 'rename' ? `${args[0]} ${args[1]}` : args[0]}\n`);
    if (op === killOp && n === Number(killAt)) process.kill(process.pid, 'SIGKILL');
    return real.apply(this, args);
  };
}
// The CLI imports these by name: point its bindings at the wrappers.
syncBuiltinESMExports();
