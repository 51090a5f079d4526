
{{doc}}export function {{fn}}(message: Options & { properties{{optional}}: T.{{payloadType}} }, callback?: Callback): void {
  requireIdentity("{{fn}}", message);
  {{check}}
  client().track({ ...message, event: {{nameLiteral}}, context: stamp(message.context) }, callback);
}
