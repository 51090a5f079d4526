import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceMap } from './source-map.js';
/** The JSON Schema of the plan format, shipped for editors and used by the loader itself. */
export declare const planFormatSchema: Record<string, unknown>;
/**
 * The plan format's validator, compiled when the package is built (`npm run build` writes
 * ajv's standalone code beside this file): a run then neither loads ajv's compiler nor
 * compiles the schema, about 60 ms of every command's start. Tests that run the sources
 * compile it here instead; a test checks both give the same errors.
 */
export declare const PREBUILT_FORMAT_VALIDATOR = "./plan-format.validator.cjs";
/** The plan format's validator compiled now (what runs when the prebuilt one is missing). */
export declare function compilePlanFormatValidator(): ValidateFunction;
/** ajv's standalone code of the plan format's validator (for the build). */
export declare function planFormatValidatorSource(): string;
/** Check parsed plan data against the format schema; every problem becomes a located diagnostic. */
export declare function validateFormat(value: unknown, file: string, sourceMap: SourceMap): Diagnostic[];
/** Check parsed YAML against any JSON Schema of ours (the plan format, the config file). */
export declare function validateAgainst(schema: Record<string, unknown>, value: unknown, file: string, sourceMap: SourceMap): Diagnostic[];
