
{{doc}}export function identify(message: Options & { traits{{optional}}: T.{{payloadType}} }, callback?: Callback): void {
  {{check}}
  client().identify({ ...message, context: stamp(message.context) }, callback);
}
