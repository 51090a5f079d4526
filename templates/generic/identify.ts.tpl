
{{doc}}export function identify(userId: string | null | undefined, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Returned {
  {{check}}
  return method('identify')(userId, traits, stamp(options), callback) as Returned;
}
