import type { Paint } from '../report/diagnostics-text.js';
/** Whether to colour a stream: a TTY, unless NO_COLOR is set; FORCE_COLOR wins (https://no-color.org). */
export declare function useColor(stream: NodeJS.WriteStream, env?: NodeJS.ProcessEnv): boolean;
/** Chalk for a stream, or identity functions when it should not be coloured. */
export declare function paintFor(stream: NodeJS.WriteStream): Paint;
