import { Document, isScalar, Scalar, visit } from 'yaml';
import { functionName, RESERVED_FUNCTIONS } from '../model/names.js';
import { define, isMap, SchemaConverter } from './json-schema-to-plan.js';
/**
 * Convert a Segment tracking plan to trackplan YAML. Reads both shapes Segment has used:
 * the Public API (`{name, rules: [{type, key, version, jsonSchema}]}`) and the older Config
 * API (`{display_name, rules: {events, identify_traits, group_traits}}`). Nothing is dropped
 * silently: every identifier left out, keyword kept as a raw fragment, older version skipped
 * or rule not convertible is a note with its JSON path.
 */
export function importSegmentPlan(source, file) {
    const conv = new SchemaConverter(file);
    if (!isMap(source))
        throw new Error('a Segment tracking plan is a JSON object');
    const rules = Array.isArray(source['rules']) ? publicApiRules(source['rules'], conv) : isMap(source['rules']) ? configApiRules(source['rules'], conv) : undefined;
    if (!rules)
        throw new Error('no `rules` found: this is neither a Public API nor a Config API tracking plan');
    // Keep the newest version of each message; older ones are noted.
    const latest = new Map();
    for (const r of rules) {
        const key = `${r.kind}\u0000${r.name}`;
        const prev = latest.get(key);
        if (!prev || r.version > prev.version) {
            if (prev)
                conv.note(prev.path, 'older-version', `Version ${prev.version} of ${describe(prev)} is replaced by version ${r.version}; a plan keeps one version of each message.`, 'warn');
            latest.set(key, r);
        }
        else
            conv.note(r.path, 'older-version', `Version ${r.version} of ${describe(r)} is replaced by version ${prev.version}; a plan keeps one version of each message.`, 'warn');
    }
    const usedTop = new Set(['rules', 'name', 'display_name', 'description']);
    const leftTop = Object.keys(source).filter((k) => !usedTop.has(k));
    if (leftTop.length > 0)
        conv.note([], 'dropped-metadata', `Segment's bookkeeping (${leftTop.map((k) => `\`${k}\``).join(', ')}) is not part of a plan; not kept.`);
    const plan = { trackplan: 1 };
    const name = str(source['name']) && !String(source['name']).includes('/') ? source['name'] : (source['display_name'] ?? source['name']);
    if (typeof name === 'string' && name)
        plan['name'] = name;
    if (typeof source['description'] === 'string' && source['description'])
        plan['description'] = source['description'];
    const events = {};
    const pages = {};
    const screens = {};
    const sorted = [...latest.values()].sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1));
    const taken = new Map();
    for (const r of sorted) {
        if (r.kind === 'common') {
            conv.note(r.path, 'unconverted', 'A COMMON rule constrains every message (context, envelope); plans describe properties and traits only, so it is not converted.', 'warn');
            continue;
        }
        const body = {};
        if (r.description)
            body['description'] = r.description;
        if (r.labels && Object.keys(r.labels).length > 0)
            body['labels'] = r.labels;
        if (r.deprecatedAt && !r.deprecatedAt.startsWith('0001-'))
            body['deprecated'] = `Deprecated in Segment on ${r.deprecatedAt.slice(0, 10)}.`;
        const payload = payloadSchema(r, conv);
        conv.definitions = isMap(r.schema['definitions']) ? r.schema['definitions'] : isMap(r.schema['$defs']) ? r.schema['$defs'] : {};
        const props = conv.properties(payload.schema, payload.path);
        if (r.kind === 'identify' || r.kind === 'group') {
            plan[r.kind] = { ...(r.description ? { description: r.description } : {}), traits: props };
            continue;
        }
        // Two names that would share a generated function get one of their own, deterministically.
        // One namespace for all functions: an event "Page Home" and a page "Home" share `pageHome`.
        const fn = functionName({ kind: r.kind, name: r.name });
        const holder = taken.get(fn) ?? (RESERVED_FUNCTIONS.has(fn) ? 'the generated client itself' : undefined);
        if (holder !== undefined) {
            let n = 2;
            while (taken.has(`${fn}${n}`))
                n++;
            body['codegen'] = { name: `${fn}${n}` };
            conv.note(r.path, 'renamed-function', `${describe(r)} and ${holder.startsWith('the ') ? holder : JSON.stringify(holder)} would share the function \`${fn}\`; set \`codegen: {name: ${fn}${n}}\`.`);
            taken.set(`${fn}${n}`, r.name);
        }
        else
            taken.set(fn, r.name);
        if (Object.keys(props).length > 0)
            body['properties'] = props;
        define(r.kind === 'track' ? events : r.kind === 'page' ? pages : screens, r.name, body);
    }
    conv.note([], 'strict-plan', "Segment's JSON Schema leaves objects open; the converted plan is strict (trackplan's default), so properties it does not list are violations, as Protocols reports them. Add `strict: false` to allow them.");
    if (Object.keys(events).length > 0)
        plan['events'] = events;
    if (Object.keys(pages).length > 0)
        plan['pages'] = pages;
    if (Object.keys(screens).length > 0)
        plan['screens'] = screens;
    const doc = new Document(plan);
    // A key `<<` written plainly would be read back as a YAML merge key: quote it.
    visit(doc, {
        Pair(_key, pair) {
            if (isScalar(pair.key) && pair.key.value === '<<')
                pair.key.type = Scalar.QUOTE_DOUBLE;
        },
    });
    const header = `# Converted by \`trackplan import segment\` from ${file}.\n# Review the notes it printed; then edit this file, not the Segment export.\n`;
    return {
        yaml: header + doc.toString({ lineWidth: 0, indent: 2 }),
        notes: conv.notes,
        counts: { events: Object.keys(events).length, pages: Object.keys(pages).length, screens: Object.keys(screens).length, identify: 'identify' in plan, group: 'group' in plan },
    };
}
const KINDS = { TRACK: 'track', IDENTIFY: 'identify', GROUP: 'group', PAGE: 'page', SCREEN: 'screen', COMMON: 'common' };
function publicApiRules(list, conv) {
    const out = [];
    list.forEach((r, i) => {
        const path = ['rules', i];
        if (!isMap(r))
            return conv.note(path, 'unconverted', 'A rule that is not an object is skipped.', 'warn');
        const kind = KINDS[String(r['type'])];
        const schema = isMap(r['jsonSchema']) ? r['jsonSchema'] : undefined;
        if (!kind || !schema)
            return conv.note(path, 'unconverted', `A rule of type ${JSON.stringify(r['type'])} without a JSON Schema is skipped.`, 'warn');
        const meta = isMap(schema['eventMetadata']) ? schema['eventMetadata'] : {};
        const left = Object.keys(r).filter((k) => !['type', 'key', 'version', 'jsonSchema', 'deprecatedAt'].includes(k));
        if (left.length > 0)
            conv.note(path, 'dropped-metadata', `Segment's bookkeeping of this rule (${left.map((k) => `\`${k}\``).join(', ')}) is not part of a plan; not kept.`);
        if (isMap(schema['eventMetadata']))
            conv.note([...path, 'jsonSchema', 'eventMetadata'], 'dropped-metadata', '`eventMetadata` repeats the rule\'s name and type; not kept.');
        const name = str(r['key']) ?? str(meta['name']) ?? '';
        out.push({
            kind,
            name: kind === 'identify' || kind === 'group' || kind === 'common' ? '' : name,
            version: typeof r['version'] === 'number' ? r['version'] : 1,
            schema,
            path: [...path, 'jsonSchema'],
            ...(str(schema['description']) ? { description: str(schema['description']) } : {}),
            ...(isMap(schema['labels']) ? { labels: schema['labels'] } : {}),
            ...(str(r['deprecatedAt']) ? { deprecatedAt: str(r['deprecatedAt']) } : {}),
        });
    });
    return out;
}
function configApiRules(rules, conv) {
    const out = [];
    const events = Array.isArray(rules['events']) ? rules['events'] : [];
    events.forEach((e, i) => {
        const path = ['rules', 'events', i];
        if (!isMap(e) || !isMap(e['rules']))
            return conv.note(path, 'unconverted', 'An event without `rules` is skipped.', 'warn');
        const top = e['rules'];
        const left = Object.keys(e).filter((k) => !['name', 'description', 'rules', 'version'].includes(k));
        if (left.length > 0)
            conv.note(path, 'dropped-metadata', `Segment's bookkeeping of this event (${left.map((k) => `\`${k}\``).join(', ')}) is not part of a plan; not kept.`);
        const parts = isMap(top['properties']) ? top['properties'] : {};
        const props = isMap(parts['properties']) ? parts['properties'] : {};
        for (const k of ['context', 'traits']) {
            const part = parts[k];
            if (isMap(part) && Object.keys(part).some((x) => x !== 'type'))
                conv.note([...path, 'rules', 'properties', k], 'unconverted', `Rules on \`${k}\` of an event are not part of a plan; not converted.`, 'warn');
        }
        out.push({
            kind: 'track',
            name: str(e['name']) ?? '',
            version: typeof e['version'] === 'number' ? e['version'] : 1,
            schema: props,
            path: [...path, 'rules', 'properties', 'properties'],
            ...(str(e['description']) ? { description: str(e['description']) } : {}),
            ...(isMap(top['labels']) ? { labels: top['labels'] } : {}),
        });
    });
    for (const [key, kind] of [['identify', 'identify'], ['group', 'group']]) {
        const v = rules[key];
        if (isMap(v))
            out.push({ kind, name: '', version: 1, schema: v, path: ['rules', key] });
    }
    for (const key of Object.keys(rules)) {
        if (['events', 'identify', 'group', 'identify_traits', 'group_traits'].includes(key))
            continue;
        const v = rules[key];
        const empty = v === null || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
        if (!empty)
            conv.note(['rules', key], 'unconverted', key === 'global' ? 'The `global` rules constrain every message (context, envelope); a plan describes properties and traits only, so they are not converted.' : `\`rules.${key}\` is not a part of a Config API plan trackplan knows; not converted.`, 'warn');
    }
    for (const [key, kind] of [['identify_traits', 'identify'], ['group_traits', 'group']]) {
        const v = rules[key];
        if (isMap(v)) {
            const traits = isMap(v['properties']) && isMap(v['properties']['traits']) ? v['properties']['traits'] : v;
            out.push({ kind, name: '', version: 1, schema: traits, path: ['rules', key] });
        }
        else if (Array.isArray(v) && v.length > 0) {
            conv.note(['rules', key], 'unconverted', `\`${key}\` as a list is not a format trackplan knows; not converted.`, 'warn');
        }
    }
    return out;
}
/**
 * The schema of a rule's properties (or traits). Segment's exports put the whole message's
 * schema in a rule (`properties: {context, traits, properties: {...}}`), but Typewriter's
 * and some others put the properties' schema alone: read both.
 */
function payloadSchema(r, conv) {
    const parts = r.schema['properties'];
    const wrapper = isMap(parts) && Object.keys(parts).length > 0 && Object.keys(parts).every((k) => k === 'context' || k === 'traits' || k === 'properties') && (isMap(parts['properties']) || isMap(parts['traits']));
    const known = new Set(['type', 'properties', 'required', '$schema', 'description', 'labels', 'eventMetadata', 'id', '$id', 'definitions', '$defs', 'additionalProperties']);
    if (!wrapper || !isMap(parts)) {
        const left = Object.keys(r.schema).filter((k) => !known.has(k));
        if (left.length > 0)
            conv.note(r.path, 'unconverted', `Rule-level ${left.map((k) => `\`${k}\``).join(', ')} ${left.length === 1 ? 'is' : 'are'} not converted (a message's properties take no raw schema).`, 'warn');
        if (r.schema['additionalProperties'] !== undefined)
            conv.note([...r.path, 'additionalProperties'], 'unconverted', 'A rule-level `additionalProperties` is not converted; the plan\'s `strict` decides about unplanned properties.', 'warn');
        return { schema: r.schema, path: r.path };
    }
    const key = r.kind === 'identify' || r.kind === 'group' ? 'traits' : 'properties';
    for (const other of ['context', 'traits', 'properties'].filter((k) => k !== key)) {
        const part = parts[other];
        if (isMap(part) && Object.keys(part).some((k) => k !== 'type' && k !== 'id' && k !== '$id' && k !== 'description')) {
            conv.note([...r.path, 'properties', other], 'unconverted', `Rules on \`${other}\` of a message are not part of a plan; not converted.`, 'warn');
        }
    }
    const inner = parts[key];
    return { schema: isMap(inner) ? inner : {}, path: [...r.path, 'properties', key] };
}
function describe(r) {
    return r.kind === 'track' ? `event ${JSON.stringify(r.name)}` : r.kind === 'identify' || r.kind === 'group' ? `${r.kind} traits` : `${r.kind} ${JSON.stringify(r.name)}`;
}
function str(v) {
    return typeof v === 'string' ? v : undefined;
}
//# sourceMappingURL=segment.js.map