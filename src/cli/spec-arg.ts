import { readSpec, UnknownSpec } from '../specs/bundled.js';
import { UsageError } from './errors.js';

/** The text of a bundled spec named on the command line (`segment/ecommerce`); an unknown name is a usage error. */
export async function specText(name: string): Promise<string> {
  try {
    return await readSpec(name);
  } catch (e) {
    if (e instanceof UnknownSpec) throw new UsageError(e.message);
    throw e;
  }
}
