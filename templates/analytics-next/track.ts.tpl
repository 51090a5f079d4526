
{{doc}}export function {{fn}}(properties: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Promise<Context | undefined> {
  {{check}}
  return delivered(client().track({{nameLiteral}}, properties, stamp(options), callback));
}
