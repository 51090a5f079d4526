
{{doc}}export function group(message: Options & { groupId: string; traits{{optional}}: T.{{payloadType}} }, callback?: Callback): void {
  requireIdentity("{{fn}}", message);
  {{check}}
  client().group({ ...message, context: stamp(message.context) }, callback);
}
