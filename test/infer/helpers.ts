import { gzipSync } from 'node:zlib';
import { inferInputs } from '../../src/infer/infer.js';
import type { InferSummary } from '../../src/infer/summary.js';
import { writePlan, type WritePlanOptions } from '../../src/infer/write-plan.js';
import { chunks } from '../audit/helpers.js';

/** Infer from in-memory inputs (chunked, so lines straddle chunk boundaries). */
export function inferText(texts: (string | Buffer)[], options: { gzip?: boolean; chunk?: number } = {}): Promise<InferSummary> {
  return inferInputs(
    texts.map((t, i) => {
      let data = typeof t === 'string' ? Buffer.from(t) : t;
      if (options.gzip) data = gzipSync(data);
      return { name: `in${i}.ndjson`, open: () => chunks(data, options.chunk ?? 4096) };
    }),
  );
}

export const DEFAULTS: WritePlanOptions = { name: 'inferred', requiredThreshold: 1, enums: true };

/** The YAML of a plan inferred from messages. */
export async function inferYaml(messages: unknown[], options: Partial<WritePlanOptions> = {}): Promise<string> {
  return writePlan(await inferText([messages.map((m) => JSON.stringify(m)).join('\n') + '\n']), { ...DEFAULTS, ...options });
}

/** A deterministic pseudo-random sequence (no Math.random: tests give the same data every run). */
export function sequence(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}
