
{{doc}}export function identify(userId: string | null | undefined, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): Promise<Context | undefined> {
  {{check}}
  return delivered(client().identify(userId, traits, stamp(options), callback));
}
