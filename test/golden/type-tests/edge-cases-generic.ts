// Type tests for odd names, unions, nullables and the generic client: see ecommerce-node.ts.
import * as tp from '../edge-cases/generic/index.js';

// Any SDK with analytics.js call shapes fits, even one without screen() or group().
const calls: unknown[] = [];
tp.setAnalytics({ track: (...args: unknown[]) => calls.push(args), identify: (...args: unknown[]) => calls.push(args) });

tp.event42TerribleEventName3();
tp.etcPasswd();
tp.eventDelete();
tp.event404Seen();
tp.orderCompletedJa({ 金額: 5 });
tp.everyTypeSent({
  req_string: 'a',
  req_number: 1,
  req_integer: 2,
  req_boolean: true,
  req_object: {},
  req_array: ['x'],
  req_any: { anything: [1] },
  req_null: null,
  opt_string: null,
  opt_nullable_enum: null,
  opt_union: true,
  opt_named_union: { city: 'Paris' },
  constructor: 'ok',
  'odd key "quoted"': 'ok',
  currency: 'EUR',
});

const base = { req_string: 'a', req_number: 1, req_integer: 2, req_boolean: true, req_object: {}, req_array: ['x'], req_any: 1, req_null: null, currency: 'EUR' } as const;
// @ts-expect-error null is not allowed where the plan does not say nullable
tp.everyTypeSent({ ...base, req_string: null });
// @ts-expect-error an integer enum takes only its values
tp.everyTypeSent({ ...base, opt_int_enum: 4 });
// @ts-expect-error a const takes only its value
tp.everyTypeSent({ ...base, opt_const: 'other' });
// @ts-expect-error a union takes only its members
tp.everyTypeSent({ ...base, opt_union: [] });

// A non-strict event takes any extra properties; a strict one does not.
tp.looseEvent({ known: 'k', anything: 1 });
// @ts-expect-error strict events have no index signature
tp.oldEvent({ anything: 1 });

// Deprecated functions still compile (editors strike them through).
tp.oldEvent();

// Recursive types.
tp.deeplyNested({ level1: {}, categories: [{ name: 'a', children: [{ name: 'b', children: [] }] }] });

// Without a declared Register (see generic-register.ts, which declares one for this module),
// a never-validating client still has the run-time switch; it cannot turn checking on.
import * as never from '../edge-cases/generic-never/index.js';
// @ts-expect-error unknown until the project declares its SDK's result: nothing to call on it
void never.eventDelete().then;
never.setValidation(true);
