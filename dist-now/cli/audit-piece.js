import { createReadStream } from 'node:fs';
import { Auditor } from '../audit/auditor.js';
import { readInput } from '../audit/read-input.js';
/** Audit one piece; the same code in the main thread and in workers. */
export async function auditPiece(index, file, piece) {
    const auditor = new Auditor(index, file);
    const stream = createReadStream(file, { start: piece.start, end: piece.end - 1, highWaterMark: 1024 * 1024 });
    const { lines, bytes } = await readInput(stream, auditor, { linesOnly: true, startOfFile: piece.start === 0 });
    auditor.finish(lines, bytes);
    return { summary: auditor.summary, lines };
}
/**
 * Threads take pieces one at a time from one shared counter, so a slower thread (the main
 * one, which also loaded the plan; a core busy with something else) takes fewer pieces and
 * no thread waits at the end for longer than one piece takes.
 */
export async function claimPieces(next, pieces, audit) {
    for (let k = Atomics.add(next, 0, 1); k < pieces.length; k = Atomics.add(next, 0, 1))
        await audit(k);
}
//# sourceMappingURL=audit-piece.js.map