
{{doc}}export function {{fn}}(properties: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Promise<Context | undefined> {
  {{check}}
  return delivered(client().screen(null, {{nameLiteral}}, properties, stamp(options), callback));
}
