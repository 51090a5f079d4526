
{{doc}}export function {{fn}}(properties: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): void {
  {{check}}
  void client().track({{nameLiteral}}, properties, stamp(options), callback);
}
