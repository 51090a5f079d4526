import jsYaml from 'js-yaml';
/**
 * YAML 1.2's core schema (spec §10.3.2) for js-yaml, resolving plain scalars exactly as the
 * `yaml` package does: js-yaml's own "core" also reads `0b101`, `+0x10` and `1_000` as numbers
 * and `-.5` as text, which would make the fast and the precise path disagree.
 */
const nullType = new jsYaml.Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (s) => /^(?:~|[Nn]ull|NULL)?$/.test(s),
    construct: () => null,
    predicate: (v) => v === null,
});
const boolType = new jsYaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (s) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s),
    construct: (s) => s === 'true' || s === 'True' || s === 'TRUE',
    predicate: (v) => typeof v === 'boolean',
});
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const intType = new jsYaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (s) => INT.test(s),
    construct: (s) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    predicate: (v) => typeof v === 'number' && Number.isInteger(v),
});
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const floatType = new jsYaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (s) => FLOAT.test(s),
    construct: (s) => {
        const tail = s.slice(-3).toLowerCase();
        if (tail === 'nan')
            return NaN;
        if (tail === 'inf')
            return s.startsWith('-') ? -Infinity : Infinity;
        return parseFloat(s);
    },
    predicate: (v) => typeof v === 'number',
});
// (js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.)
const mergeType = jsYaml.types.merge;
export const CORE_SCHEMA_LIKE_YAML = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, mergeType] });
//# sourceMappingURL=yaml-core-schema.js.map