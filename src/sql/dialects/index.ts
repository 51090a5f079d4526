import type { Dialect, DialectName } from '../dialect.js';
import { duckdb } from './duckdb.js';
import { spark } from './spark.js';
import { trino } from './trino.js';

/** The dialects `trackplan sql --dialect` knows, by name. */
export const DIALECTS: Readonly<Record<DialectName, Dialect>> = { duckdb, spark, trino };

export function isDialectName(name: string): name is DialectName {
  return Object.hasOwn(DIALECTS, name);
}
