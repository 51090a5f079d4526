
{{doc}}export function identify(userId: string | null | undefined, traits: T.{{payloadType}}{{defaultValue}}, options?: Options, callback?: Callback): void {
  {{check}}
  void method('identify')(userId, traits, stamp(options), callback);
}
