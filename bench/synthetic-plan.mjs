// A synthetic but realistic tracking plan of N events, for benchmarks: shared properties,
// named types, enums, patterns, formats, nested objects and arrays, identify/group traits.
const OBJECTS = ['Order', 'Product', 'Cart', 'Checkout', 'Account', 'Invite', 'Report', 'Dashboard', 'Payment', 'Coupon', 'Wishlist', 'Review', 'Subscription', 'Trial', 'Feature', 'Integration', 'Export', 'Comment', 'Project', 'Workspace'];
const ACTIONS = ['Viewed', 'Created', 'Updated', 'Deleted', 'Completed', 'Started', 'Shared', 'Exported', 'Archived', 'Restored', 'Opened', 'Closed', 'Submitted', 'Approved', 'Rejected', 'Renamed', 'Moved', 'Copied', 'Assigned', 'Scheduled'];

/** YAML text of a plan with `events` events (names unique, Title Case "Object Action N"). */
export function syntheticPlan(events) {
  const out = [
    'trackplan: 1',
    'name: synthetic',
    'version: "1.0.0"',
    'types:',
    '  Item:',
    '    type: object',
    '    properties:',
    '      item_id: {type: string, required: true, minLength: 1, description: Stock keeping unit}',
    '      price: {type: number, minimum: 0, description: Price of one item}',
    '      quantity: {type: integer, minimum: 1, description: Number of items}',
    '      tags: {type: array, items: string, maxItems: 10, description: Labels of the item}',
    'properties:',
    '  currency: {type: string, pattern: "^[A-Z]{3}$", description: ISO 4217 code}',
    '  revenue: {type: number, minimum: 0, description: Revenue in currency units}',
    '  user_email: {type: string, format: email, description: Email of the user}',
    '  source: {type: string, enum: [web, ios, android, api], description: Where it came from}',
    'identify:',
    '  traits:',
    '    email: {type: string, format: email, required: true, description: Email address}',
    '    plan: {type: string, enum: [free, pro, enterprise], description: Subscription plan}',
    'group:',
    '  traits:',
    '    employees: {type: integer, minimum: 1, description: Number of employees}',
    'events:',
  ];
  for (let i = 0; i < events; i++) {
    const name = `${OBJECTS[i % OBJECTS.length]} ${ACTIONS[Math.floor(i / OBJECTS.length) % ACTIONS.length]}${i >= OBJECTS.length * ACTIONS.length ? ` ${i}` : ''}`;
    out.push(
      `  ${name}:`,
      `    description: Synthetic event number ${i}.`,
      `    owner: team-${i % 7}`,
      `    labels: {area: area-${i % 5}}`,
      '    properties:',
      `      id_${i % 13}: {type: string, required: true, description: Identifier of the thing}`,
      '      currency: {required: true}',
      '      revenue:',
      '      source:',
      `      count: {type: integer, minimum: 0, maximum: ${1000 + i}, description: How many there were}`,
      '      label: {type: string, maxLength: 200, nullable: true, description: Label shown to the user}',
      `      kind: {type: string, enum: [a${i % 3}, b, c, d], description: Kind of the thing}`,
      '      items: {type: array, items: Item, minItems: 1, description: Items involved}',
      '      placed_at: {type: string, format: date-time, description: When it was placed}',
      '      meta:',
      '        type: object',
      '        description: Extra details',
      '        properties:',
      '          ref: {type: [string, integer], description: External reference}',
      '          flag: {type: boolean, description: Whether it is flagged}',
    );
  }
  return out.join('\n') + '\n';
}
