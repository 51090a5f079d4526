import { Auditor } from './auditor.js';
import { readInput } from './read-input.js';
import { emptySummary, mergeSummaries } from './summary.js';
/** Audit inputs one after another in this thread (the CLI spreads large files over workers). */
export async function auditInputs(index, inputs) {
    let total = emptySummary();
    for (const input of inputs) {
        const auditor = new Auditor(index, input.name);
        const { lines, bytes } = await readInput(input.open(), auditor);
        auditor.finish(lines, bytes);
        total = mergeSummaries(total, auditor.summary);
    }
    return total;
}
//# sourceMappingURL=audit.js.map