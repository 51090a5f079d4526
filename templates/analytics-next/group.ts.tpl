
{{doc}}export function group(groupId: string, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): void {
  {{check}}
  void client().group(groupId, traits, stamp(options), callback);
}
