import { resolveNamed } from '../model/plan.js';
import { compilePattern } from './regex-safety.js';
/** Load a spec's validators in this thread. */
export async function loadIndex(spec) {
    const ns = (await import(`data:text/javascript;base64,${Buffer.from(spec.code).toString('base64')}`));
    const unchecked = [];
    ns.setRegexFactory((s) => {
        const p = compilePattern(s);
        if (p.engine === 'unchecked' && !unchecked.includes(s))
            unchecked.push(s);
        return p;
    });
    const index = { track: new Map(), page: new Map(), screen: new Map(), uncheckedPatterns: unchecked, isDateTime: ns.__isDateTime, spec };
    for (const m of spec.messages) {
        const entry = { kind: m.kind, name: m.name, validate: ns[m.fn], ...(m.deprecated !== undefined ? { deprecated: m.deprecated } : {}) };
        if (m.kind === 'identify')
            index.identify = entry;
        else if (m.kind === 'group')
            index.group = entry;
        else
            index[m.kind].set(m.name, entry);
    }
    return index;
}
/**
 * Fill in, for each violation group, the plan location it breaks (for reports and GitHub
 * annotations). Done once, after summaries merge, so workers never need the plan's YAML.
 */
export function locateGroups(summary, plan, locate) {
    const defs = new Map();
    for (const e of plan.events)
        defs.set(`track\u0000${e.name}`, e);
    for (const p of plan.pages)
        defs.set(`page\u0000${p.name}`, p);
    for (const s of plan.screens)
        defs.set(`screen\u0000${s.name}`, s);
    if (plan.identify)
        defs.set('identify\u0000', plan.identify);
    if (plan.group)
        defs.set('group\u0000', plan.group);
    for (const g of Object.values(summary.groups)) {
        const def = defs.get(`${g.type}\u0000${g.event}`);
        if (!def || g.code === 'unplanned-event')
            continue;
        const origin = originOf(plan, def, g.path);
        const range = locate(origin, 'key');
        g.plan = range ? { file: origin.file, range } : { file: origin.file };
    }
}
/** Path segments of a violation path (`properties.products[2]["odd key"]`), past the root. */
export function pathSegments(path) {
    const out = [];
    const re = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d*)\]|\[("(?:[^"\\]|\\.)*")\]/g;
    for (let m = re.exec(path); m; m = re.exec(path)) {
        if (m[1] !== undefined)
            out.push(m[1]);
        else if (m[2] !== undefined)
            out.push(m[2] === '' ? 0 : Number(m[2]));
        else
            out.push(JSON.parse(m[3]));
    }
    return out.slice(1);
}
/** Follow a violation path through the plan's shapes to the definition it breaks (or the closest parent). */
function originOf(plan, def, path) {
    let origin = def.origin;
    let fields = def.fields;
    let shape;
    for (const seg of pathSegments(path)) {
        if (typeof seg === 'number') {
            shape = shape?.items && resolveNamed(plan, shape.items);
            fields = shape?.properties ?? [];
            if (shape)
                origin = shape.origin;
            continue;
        }
        const f = fields.find((x) => x.name === seg);
        if (!f)
            break;
        origin = f.origin;
        shape = resolveNamed(plan, f.shape);
        fields = shape.properties ?? [];
    }
    return origin;
}
//# sourceMappingURL=plan-index.js.map