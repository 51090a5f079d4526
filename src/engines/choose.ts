import { headOf, hasParquetMagic } from './duckdb/stage.js';
import { UnreadableInput, unreadable } from './inputs.js';

/** The engines `audit --engine` names; `auto` picks one of the other two by the rule below. */
export const ENGINE_NAMES = ['auto', 'js', 'duckdb'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** An engine that is not `auto`. */
export type ChosenEngine = Exclude<EngineName, 'auto'>;

/**
 * Which engine audits these inputs. `auto`, by the figures of `BENCH_ONLY=duckdb npm run bench`
 * (README "Performance"): the JavaScript engine, which is faster on every input it can read
 * today (the DuckDB query takes about 20 s per 100,000 messages where the JavaScript audit
 * takes 1 s), and DuckDB when an input is Parquet, which only DuckDB reads. `js` refuses
 * Parquet inputs (exit 2) rather than report their bytes as bad JSON, and every engine refuses
 * a file named `.parquet` that is not Parquet.
 */
export async function chooseEngine(requested: EngineName, files: readonly string[], sizes: ReadonlyMap<string, number>): Promise<ChosenEngine> {
  const parquet: string[] = [];
  for (const f of files) {
    if (!sizes.has(f)) continue; // standard input and pipes: only --engine duckdb looks for Parquet there.
    let magic: boolean;
    try {
      magic = hasParquetMagic(await headOf(f));
    } catch (e) {
      throw unreadable(f, e);
    }
    // Either engine would read such a file as lines of bad JSON: a mislabelled or damaged file.
    if (!magic && /\.parquet$/i.test(f)) throw new UnreadableInput(`Cannot read ${f}: its name says Parquet, but it does not start as Parquet does (PAR1); a damaged or mislabelled file.`);
    if (magic) parquet.push(f);
  }
  if (requested === 'duckdb') return 'duckdb';
  if (parquet.length === 0) return 'js';
  if (requested === 'js') throw new UnreadableInput(`${parquet[0]} is a Parquet file, which --engine js does not read; use --engine duckdb (or leave --engine out).`);
  return 'duckdb';
}
