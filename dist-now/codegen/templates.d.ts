/** Template files by path relative to the templates folder, e.g. `analytics-node/track.ts.tpl`. */
export type Templates = Readonly<Record<string, string>>;
/** The clients trackplan generates code for; each is a folder of templates. */
export declare const CLIENTS: readonly ['analytics-node', 'analytics-next', 'generic'];
export type Client = (typeof CLIENTS)[number];
/** The template files a client folder must have. */
export declare const TEMPLATE_FILES: readonly ['client.ts.tpl', 'track.ts.tpl', 'identify.ts.tpl', 'group.ts.tpl', 'page.ts.tpl', 'screen.ts.tpl'];
/** Optional per-client templates, inserted only when generated functions use them. */
export declare const OPTIONAL_TEMPLATE_FILES: readonly ['method.ts.tpl'];
export declare const RUNTIME_TEMPLATE = "common/runtime.ts.tpl";
/** A template problem the user can fix (a missing file, an unknown placeholder). */
export declare class TemplateError extends Error {
    name: string;
}
/**
 * Fill `{{name}}` placeholders. A placeholder alone on its line takes the line: an empty value
 * removes it, a multi-line value keeps its indentation. Templates hold no logic; everything
 * that varies is decided in code and passed in as text.
 */
export declare function render(template: string, vars: Readonly<Record<string, string>>, templateName: string): string;
/** The template text, or a clear error naming what is missing. */
export declare function templateText(templates: Templates, path: string): string;
