
{{doc}}export function {{fn}}(properties: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): void {
  {{check}}
  void client().page(null, {{nameLiteral}}, properties, stamp(options), callback);
}
