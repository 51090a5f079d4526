// Types of audit-corpus.mjs, for the tests that read the bench's corpus (test/infer).
export const KINDS: readonly string[];
export function eventNames(plan: { events: readonly { name: string }[] }): string[];
export function writeCorpus(file: string, count: number, names: readonly string[]): Promise<{ expected: Record<string, number>; bytes: number }>;
export function writeDocument(file: string, bytes: number, names: readonly string[]): Promise<{ expected: Record<string, number>; count: number }>;
