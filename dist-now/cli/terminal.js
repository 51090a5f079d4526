import { Chalk } from 'chalk';
/** Whether to colour a stream: a TTY, unless NO_COLOR is set; FORCE_COLOR wins (https://no-color.org). */
export function useColor(stream, env = process.env) {
    if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0')
        return true;
    if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '')
        return false;
    return Boolean(stream.isTTY) && env['TERM'] !== 'dumb';
}
/** Chalk for a stream, or identity functions when it should not be coloured. */
export function paintFor(stream) {
    const c = new Chalk({ level: useColor(stream) ? 1 : 0 });
    return { red: c.red, yellow: c.yellow, cyan: c.cyan, dim: c.dim, bold: c.bold };
}
//# sourceMappingURL=terminal.js.map