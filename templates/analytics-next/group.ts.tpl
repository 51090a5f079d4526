
{{doc}}export function group(groupId: string, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Promise<Context | undefined> {
  {{check}}
  return delivered(client().group(groupId, traits, stamp(options), callback));
}
