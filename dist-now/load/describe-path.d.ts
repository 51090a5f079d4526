import type { PlanPath } from '../diagnostics/diagnostic.js';
/**
 * Human wording for a plan path, as a product manager reads it:
 * ['events', 'Order Completed', 'properties', 'total', 'type'] → "`type` of property `total` of event `Order Completed`".
 */
export declare function describePath(path: PlanPath): string;
