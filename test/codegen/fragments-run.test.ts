// The generated fragments module runs on its own: its helpers are inside it.
import { it, expect } from 'vitest';
import { frag1 } from '../golden/edge-cases/generic/fragments.js';
it('fragment runs standalone', () => {
  expect(frag1(['ab', 'cd'])).toBe(true);
  expect(frag1(['ab', 'ab'])).toBe(false);
  expect(frag1(['xx'])).toBe(false);
});
