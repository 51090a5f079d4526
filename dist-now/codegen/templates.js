/** The clients trackplan generates code for; each is a folder of templates. */
export const CLIENTS = ['analytics-node', 'analytics-next', 'generic'];
/** The template files a client folder must have. */
export const TEMPLATE_FILES = ['client.ts.tpl', 'track.ts.tpl', 'identify.ts.tpl', 'group.ts.tpl', 'page.ts.tpl', 'screen.ts.tpl'];
/** Optional per-client templates, inserted only when generated functions use them. */
export const OPTIONAL_TEMPLATE_FILES = ['method.ts.tpl'];
export const RUNTIME_TEMPLATE = 'common/runtime.ts.tpl';
/** A template problem the user can fix (a missing file, an unknown placeholder). */
export class TemplateError extends Error {
    name = 'TemplateError';
}
/**
 * Fill `{{name}}` placeholders. A placeholder alone on its line takes the line: an empty value
 * removes it, a multi-line value keeps its indentation. Templates hold no logic; everything
 * that varies is decided in code and passed in as text.
 */
export function render(template, vars, templateName) {
    // One pass over the template only: values (plan text, other templates' output) are never
    // scanned for placeholders again, so an event named "{{header}}" stays exactly that.
    return template
        .split('\n')
        .map((line) => {
        const alone = /^(\s*)\{\{(\w+)\}\}\s*$/.exec(line);
        if (alone) {
            const value = lookup(alone[2], vars, templateName);
            return value === '' ? null : value.split('\n').map((l) => (l ? alone[1] + l : l)).join('\n');
        }
        return line.replace(/\{\{(\w+)\}\}/g, (_m, name) => lookup(name, vars, templateName));
    })
        .filter((l) => l !== null)
        .join('\n');
}
function lookup(name, vars, templateName) {
    const v = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    if (v === undefined)
        throw new TemplateError(`${templateName}: unknown placeholder {{${name}}}; known: ${Object.keys(vars).sort().join(', ')}.`);
    return v;
}
/** The template text, or a clear error naming what is missing. */
export function templateText(templates, path) {
    const t = templates[path];
    if (t === undefined)
        throw new TemplateError(`Template ${path} is missing from the templates folder.`);
    return t;
}
//# sourceMappingURL=templates.js.map