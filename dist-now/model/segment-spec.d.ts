import type { Field, MessageDef } from './plan.js';
/**
 * Properties that analytics.js adds to every page call by itself. A strict page must accept
 * them, or every real page call would be a violation; the plan may define them to constrain
 * them. https://segment.com/docs/connections/spec/page/#properties
 */
export declare const AUTO_PAGE_PROPERTIES: readonly ['category', 'name', 'path', 'referrer', 'search', 'title', 'url'];
/**
 * The fields a message really takes: its own, plus, for pages, the ones analytics.js adds
 * (as optional strings). Compile, generated validators and generated types all use this,
 * so the three agree.
 */
export declare function effectiveFields(m: MessageDef): readonly Field[];
