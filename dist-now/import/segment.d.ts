import type { Diagnostic } from '../diagnostics/diagnostic.js';
/** The result of converting a Segment tracking plan: plan YAML and notes on what changed form. */
export interface SegmentImport {
    yaml: string;
    notes: Diagnostic[];
    counts: {
        events: number;
        pages: number;
        screens: number;
        identify: boolean;
        group: boolean;
    };
}
/**
 * Convert a Segment tracking plan to trackplan YAML. Reads both shapes Segment has used:
 * the Public API (`{name, rules: [{type, key, version, jsonSchema}]}`) and the older Config
 * API (`{display_name, rules: {events, identify_traits, group_traits}}`). Nothing is dropped
 * silently: every identifier left out, keyword kept as a raw fragment, older version skipped
 * or rule not convertible is a note with its JSON path.
 */
export declare function importSegmentPlan(source: unknown, file: string): SegmentImport;
