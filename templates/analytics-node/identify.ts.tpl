
{{doc}}export function identify(message: Options & { traits{{optional}}: T.{{payloadType}} }, callback?: Callback): void {
  requireIdentity("{{fn}}", message);
  {{check}}
  client().identify({ ...message, context: stamp(message.context) }, callback);
}
