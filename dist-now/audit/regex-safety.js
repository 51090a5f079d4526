import { RE2JS } from 're2js';
/**
 * Whether V8's backtracking engine runs a pattern in linear time: at most one unbounded
 * quantifier (`+`, `*`, `{n,}`), no quantified group holding a quantifier or an alternation,
 * no back-reference. `^[A-Z]{3}$` and `^[a-z]+$` are simple; `(a+)+`, `[a-z]+[a-z.]*@` (two
 * adjacent quantifiers over the same characters) are not. A false alarm only costs speed.
 */
export function isSimple(source) {
    if (/\\[1-9]|\\k</.test(source))
        return false;
    let unbounded = 0;
    const stack = [];
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            i++;
            continue;
        }
        if (inClass) {
            if (c === ']')
                inClass = false;
            continue;
        }
        if (c === '[')
            inClass = true;
        else if (c === '(')
            stack.push({ quantified: false, alternation: false });
        else if (c === '|' && stack.length > 0)
            stack[stack.length - 1].alternation = true;
        else if (c === ')') {
            const group = stack.pop();
            const next = source[i + 1];
            const quantified = next === '*' || next === '+' || next === '{' || next === '?';
            if (group && quantified && (group.quantified || group.alternation))
                return false;
            if (group && stack.length > 0 && (group.quantified || quantified))
                stack[stack.length - 1].quantified = true;
        }
        else if (c === '*' || c === '+' || c === '{') {
            if (c !== '{' || /^\{\d+,\}/.test(source.slice(i)))
                unbounded++;
            if (stack.length > 0)
                stack[stack.length - 1].quantified = true;
        }
    }
    return unbounded <= 1;
}
// JavaScript's `\s` and `.`, spelled out for RE2, whose own are ASCII-only and admit \r.
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
/**
 * An ECMAScript pattern in RE2's syntax with the same meaning, or undefined when it has no
 * equivalent (look-arounds, back-references, `\S` inside a class).
 */
export function toRe2(source) {
    let out = '';
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            const n = source[i + 1];
            i++;
            if (n === undefined)
                return undefined;
            if (n === 's')
                out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
            else if (n === 'S') {
                if (inClass)
                    return undefined;
                out += `[^${JS_SPACE}]`;
            }
            else if (n === 'u') {
                const braced = /^\{([0-9a-fA-F]+)\}/.exec(source.slice(i + 1));
                const plain = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 1));
                if (braced) {
                    out += `\\x{${braced[1]}}`;
                    i += braced[0].length;
                }
                else if (plain) {
                    out += `\\x{${plain[0]}}`;
                    i += 4;
                }
                else
                    return undefined;
            }
            else if (/[1-9k]/.test(n))
                return undefined; // back-references
            else
                out += `\\${n}`;
            continue;
        }
        if (inClass) {
            if (c === ']')
                inClass = false;
            out += c;
            continue;
        }
        if (c === '[') {
            inClass = true;
            out += c;
        }
        else if (c === '.')
            out += JS_DOT;
        else if (c === '(' && source[i + 1] === '?') {
            const kind = source.slice(i + 2, i + 4);
            if (kind.startsWith('=') || kind.startsWith('!') || kind === '<=' || kind === '<!')
                return undefined; // look-arounds
            if (kind.startsWith('<')) {
                out += '(?P<'; // a named group
                i += 2;
            }
            else
                out += c;
        }
        else
            out += c;
    }
    return out;
}
/**
 * A pattern's matcher for untrusted data. Simple patterns use V8's engine (fast, and linear
 * for them); others use RE2's linear-time algorithm (re2js) on a translation with the same
 * meaning; a pattern that is neither simple nor expressible in RE2 is not run at all (it could
 * hang the audit on one crafted value) and the report names it.
 */
export function compilePattern(source) {
    if (isSimple(source)) {
        const re = new RegExp(source, 'u');
        return { test: (s) => re.test(s), engine: 'native' };
    }
    const translated = toRe2(source);
    if (translated !== undefined) {
        try {
            const re = RE2JS.compile(translated);
            return { test: (s) => re.matcher(s).find(), engine: 'linear' };
        }
        catch {
            // fall through: not expressible
        }
    }
    return { test: () => true, engine: 'unchecked' };
}
//# sourceMappingURL=regex-safety.js.map