import type { JsonKind } from '../dialect.js';

/**
 * A type test on minified JSON text by its first character, for engines without a JSON type
 * function (Spark, Trino): every value the compiler handles is minified text (`canonical`).
 * Never NULL: the compiler combines these with NOT.
 */
export function kindByFirstChar(json: string, kinds: readonly JsonKind[]): string {
  const first = `substr(${json}, 1, 1)`;
  const tests = kinds.map((k) => {
    switch (k) {
      case 'object':
        return `${first} = '{'`;
      case 'array':
        return `${first} = '['`;
      case 'string':
        return `${first} = '"'`;
      case 'boolean':
        return `${json} IN ('true', 'false')`;
      case 'null':
        return `${json} = 'null'`;
      case 'number':
        // Not an IN list of eleven: DuckDB plans one as a join (see Dialect.oneOf).
        return `(${first} = '-' OR ${first} BETWEEN '0' AND '9')`;
    }
  });
  return `coalesce(${tests.join(' OR ')}, false)`;
}
