
{{doc}}export function group(groupId: string, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Returned {
  {{check}}
  return method('group')(groupId, traits, stamp(options), callback) as Returned;
}
