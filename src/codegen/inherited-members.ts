/**
 * Members every object has, and their types in TypeScript's `Object` interface. An object
 * literal has them all, so an optional key of one of these names, typed otherwise, would make
 * TypeScript refuse `{}` itself; generated types admit the inherited member's type beside the
 * key's own (the validator still checks the value).
 */
export const INHERITED: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  constructor: 'Function',
  toString: '(() => string)',
  toLocaleString: '(() => string)',
  valueOf: '(() => Object)',
  hasOwnProperty: '((v: PropertyKey) => boolean)',
  isPrototypeOf: '((v: Object) => boolean)',
  propertyIsEnumerable: '((v: PropertyKey) => boolean)',
});
