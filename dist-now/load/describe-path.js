const SECTION_NOUN = { events: 'event', pages: 'page', screens: 'screen', types: 'type' };
/**
 * Human wording for a plan path, as a product manager reads it:
 * ['events', 'Order Completed', 'properties', 'total', 'type'] → "`type` of property `total` of event `Order Completed`".
 */
export function describePath(path) {
    if (path.length === 0)
        return 'the plan';
    const parts = [];
    let i = 0;
    const head = String(path[0]);
    if (SECTION_NOUN[head] && path.length >= 2) {
        parts.push(`${SECTION_NOUN[head]} \`${String(path[1])}\``);
        i = 2;
    }
    else if ((head === 'identify' || head === 'group') && path[1] === 'traits' && path.length >= 3) {
        parts.push(`${head} trait \`${String(path[2])}\``);
        i = 3;
    }
    else if (head === 'properties' && path.length >= 2) {
        parts.push(`shared property \`${String(path[1])}\``);
        i = 2;
    }
    else {
        parts.push(`\`${head}\``);
        i = 1;
    }
    while (i < path.length) {
        const seg = path[i];
        if ((seg === 'properties' || seg === 'traits') && i + 1 < path.length) {
            parts.push(`${seg === 'traits' ? 'trait' : 'property'} \`${String(path[i + 1])}\``);
            i += 2;
        }
        else if (typeof seg === 'number') {
            parts.push(`item ${seg + 1}`);
            i += 1;
        }
        else {
            parts.push(`\`${String(seg)}\``);
            i += 1;
        }
    }
    return parts.reverse().join(' of ');
}
//# sourceMappingURL=describe-path.js.map