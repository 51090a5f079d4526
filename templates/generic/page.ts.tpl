
{{doc}}export function {{fn}}(properties: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Returned {
  {{check}}
  return method('page')(null, {{nameLiteral}}, properties, stamp(options), callback) as Returned;
}
