// A realistic corpus for `trackplan audit`: Segment messages of about 1 KB for a 50-event plan,
// 5% of them wrong in seven known ways, so the bench can assert the tool finds exactly those.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const KINDS = ['pattern-mismatch', 'out-of-range', 'not-in-enum', 'missing-required', 'unplanned-property', 'type-mismatch', 'unplanned-event'];

/** Event names of syntheticPlan(50), in order. */
export function eventNames(plan) {
  return plan.events.map((e) => e.name);
}

function message(i, names) {
  const e = i % names.length;
  const name = names[e];
  const props = {
    [`id_${e % 13}`]: `id-${i}`,
    currency: 'EUR',
    revenue: (i % 997) / 10,
    source: ['web', 'ios', 'android', 'api'][i % 4],
    count: i % 1000,
    label: i % 3 ? `label ${i % 50}` : null,
    kind: ['b', 'c', 'd'][i % 3],
    items: [
      { item_id: `sku-${i % 311}`, price: 12.5, quantity: 1 + (i % 3), tags: ['sale'] },
      { item_id: `sku-${(i + 7) % 311}`, price: 3.25, quantity: 1 },
    ],
    placed_at: '2026-11-26T10:00:00.000Z',
    meta: { ref: `ref-${i % 89}`, flag: i % 2 === 0 },
  };
  let event = name;
  let expected;
  if (i % 20 === 0) {
    expected = KINDS[(i / 20) % KINDS.length];
    switch (expected) {
      case 'pattern-mismatch': props.currency = 'eur'; break;
      case 'out-of-range': props.count = -1; break;
      case 'not-in-enum': props.source = 'tv'; break;
      case 'missing-required': delete props[`id_${e % 13}`]; break;
      case 'unplanned-property': props.coupon_code = 'SPRING'; break;
      case 'type-mismatch': props.revenue = '10.5'; break;
      case 'unplanned-event': event = `${name} Typo`; break;
    }
  }
  const m = {
    type: 'track',
    event,
    userId: `user-${i % 50_000}`,
    anonymousId: `anon-${(i * 7919) % 1_000_003}`,
    messageId: `msg-${i}`,
    timestamp: '2026-11-26T10:00:00.000Z',
    sentAt: '2026-11-26T10:00:01.000Z',
    context: {
      library: { name: 'analytics.js', version: '2.11.0' },
      page: { path: `/products/${i % 500}`, url: `https://shop.example/products/${i % 500}`, referrer: 'https://www.google.com/', title: 'Product page' },
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
      ip: `10.0.${i % 250}.${i % 200}`,
      locale: 'en-US',
      campaign: { name: 'autumn', source: 'newsletter', medium: 'email' },
    },
    properties: props,
  };
  return { line: JSON.stringify(m), expected };
}

/** Write `count` messages as NDJSON; returns the number injected of each kind. */
export async function writeCorpus(file, count, names) {
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
  const expected = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let buf = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const m = message(i, names);
    if (m.expected) expected[m.expected]++;
    buf.push(m.line);
    bytes += m.line.length + 1;
    if (buf.length === 2000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  if (buf.length > 0) out.write(buf.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  return { expected, bytes };
}

/**
 * Write one pretty-printed JSON array of messages (as `jq -s .` or an export writes them) of at
 * least `bytes` bytes; returns the number of messages and of each kind injected.
 */
export async function writeDocument(file, bytes, names) {
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
  const expected = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let buf = [];
  let written = 2;
  let count = 0;
  out.write('[\n');
  while (written < bytes) {
    const m = message(count, names);
    if (m.expected) expected[m.expected]++;
    const text = `${count === 0 ? '' : ',\n'}  ${JSON.stringify(JSON.parse(m.line), null, 2).replace(/\n/g, '\n  ')}`;
    buf.push(text);
    written += text.length;
    count++;
    if (buf.length === 2000) {
      if (!out.write(buf.join(''))) await once(out, 'drain');
      buf = [];
    }
  }
  out.write(`${buf.join('')}\n]\n`);
  out.end();
  await once(out, 'finish');
  return { expected, count };
}
