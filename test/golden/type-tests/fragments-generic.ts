// Type tests for raw `schema:` fragments (test/fixtures/plans/fragments.yaml): each line marked
// to expect an error must fail to compile, and every other line must compile. Where
// TypeScript has no equivalent (`not`, a pattern's keys, if/then without else) the type is the
// widest correct one: values the fragment allows always compile; the validator refuses the rest.
import * as tp from '../fragments/generic/index.js';

tp.setAnalytics({ track: () => {} });

const card = { type: 'card', last4: '4242' } as const;
tp.paymentMade({ method: card });
tp.paymentMade({ method: { type: 'iban', iban: 'DE89370400440532013000' } });

// oneOf of two object shapes.
// @ts-expect-error a card without its last4
tp.paymentMade({ method: { type: 'card' } });
// @ts-expect-error a key of the other shape
tp.paymentMade({ method: { type: 'card', last4: '4242', iban: 'DE89' } });
// @ts-expect-error a kind neither shape has
tp.paymentMade({ method: { type: 'cash' } });

// anyOf.
tp.paymentMade({ method: card, amount: 5 });
tp.paymentMade({ method: card, amount: '5.00' });
// @ts-expect-error neither a number nor a string
tp.paymentMade({ method: card, amount: true });

// allOf, whose second member has no type of its own.
tp.paymentMade({ method: card, customer: { id: 'c1', vip: true, since: 2020 } });
// @ts-expect-error the first member requires id
tp.paymentMade({ method: card, customer: { vip: true } });
// @ts-expect-error vip is a boolean
tp.paymentMade({ method: card, customer: { id: 'c1', vip: 'yes' } });

// An enum in a fragment, beside `type: string, nullable: true`.
tp.paymentMade({ method: card, channel: 'ios' });
tp.paymentMade({ method: card, channel: null });
// @ts-expect-error not one of the fragment's values
tp.paymentMade({ method: card, channel: 'desktop' });

// A named type that is only a fragment, alone and as array items.
tp.paymentMade({ method: card, shape: { kind: 'circle', radius: 1 }, shapes: [{ kind: 'square', side: 2 }] });
// @ts-expect-error a circle has a radius, not a side
tp.paymentMade({ method: card, shape: { kind: 'circle', side: 1 } });
// @ts-expect-error an item of the wrong shape
tp.paymentMade({ method: card, shapes: [{ kind: 'triangle' }] });
const shape: tp.Shape = { kind: 'square', side: 3 };
void shape;

// A $ref into the fragment's own definitions, recursive; readonly arrays are taken.
const tree = { label: 'root', children: [{ label: 'leaf', children: [] }] } as const;
tp.paymentMade({ method: card, tree });
// @ts-expect-error a node needs its label
tp.paymentMade({ method: card, tree: { children: [] } });
// @ts-expect-error deep inside: a label is a string
tp.paymentMade({ method: card, tree: { label: 'root', children: [{ label: 1 }] } });

// Tuples: exactly two numbers.
tp.paymentMade({ method: card, point: [1, 2] });
tp.paymentMade({ method: card, point: [1, 2] as const });
// @ts-expect-error a third item (additionalItems: false)
tp.paymentMade({ method: card, point: [1, 2, 3] });
// @ts-expect-error one item short (minItems: 2)
tp.paymentMade({ method: card, point: [1] });
// @ts-expect-error a string where a number goes
tp.paymentMade({ method: card, point: ['1', 2] });

// A tuple that may stop early, then integers (additionalItems).
tp.paymentMade({ method: card, labelled: [] });
tp.paymentMade({ method: card, labelled: ['a'] });
tp.paymentMade({ method: card, labelled: ['a', 1, 2] });
// @ts-expect-error the first item is a string
tp.paymentMade({ method: card, labelled: [1] });
// @ts-expect-error the items after the first are integers
tp.paymentMade({ method: card, labelled: ['a', 'b'] });

// `not`: the widest type. Never `never`, never `string`.
tp.paymentMade({ method: card, not_string: 1 });
tp.paymentMade({ method: card, not_string: { any: 'thing' } });
tp.paymentMade({ method: card, not_string: null });
// Beside a plan type, that type: 'x' compiles (the validator refuses it), true does not.
tp.paymentMade({ method: card, not_x: 'y' });
tp.paymentMade({ method: card, not_x: 3 });
// @ts-expect-error the plan's type still holds
tp.paymentMade({ method: card, not_x: true });

// patternProperties: keys the pattern matches must compile.
tp.paymentMade({ method: card, headers: { host: 'example.com', 'x-trace': 'abc' } });
// @ts-expect-error a declared key keeps its type
tp.paymentMade({ method: card, headers: { host: 1 } });

// if/then/else: (if & then) | else.
tp.paymentMade({ method: card, discount: 5 });
tp.paymentMade({ method: card, discount: 'none' });
// @ts-expect-error neither a number nor the else's value
tp.paymentMade({ method: card, discount: 'half' });
// if/then without else: whatever the if refuses passes, so anything compiles.
tp.paymentMade({ method: card, coupon: 'abc' });
tp.paymentMade({ method: card, coupon: 42 });

// Combined with the plan's own keys: the fragment makes a planned key required.
tp.paymentMade({ method: card, line: { sku: 's1', qty: 2 } });
// @ts-expect-error qty is required by the fragment
tp.paymentMade({ method: card, line: { sku: 's1' } });
// @ts-expect-error qty keeps the plan's type
tp.paymentMade({ method: card, line: { sku: 's1', qty: 'two' } });
// @ts-expect-error sku is required by the plan
tp.paymentMade({ method: card, line: { qty: 2 } });
