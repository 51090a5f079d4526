/** A method the SDK may lack; calling a plan's message it cannot send is a setup error. */
function method<K extends 'identify' | 'group' | 'page' | 'screen'>(name: K): NonNullable<AnalyticsLike[K]> {
  const target = client();
  const fn = target[name];
  if (typeof fn !== 'function') throw new Error(`trackplan: this analytics SDK has no ${name}() method.`);
  return fn.bind(target) as unknown as NonNullable<AnalyticsLike[K]>;
}
