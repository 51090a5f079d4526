
{{doc}}export function group(message: Options & { groupId: string; traits{{optional}}: T.{{payloadType}} }, callback?: Callback): void {
  {{check}}
  client().group({ ...message, context: stamp(message.context) }, callback);
}
