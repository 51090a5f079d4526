
{{doc}}export function identify(userId: string | null | undefined, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): void {
  {{check}}
  void client().identify(userId, traits, stamp(options), callback);
}
