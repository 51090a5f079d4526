
{{doc}}export function {{fn}}(message: Options & { category?: string; properties{{optional}}: T.{{payloadType}} }, callback?: Callback): void {
  requireIdentity("{{fn}}", message);
  {{check}}
  client().page({ ...message, name: {{nameLiteral}}, context: stamp(message.context) }, callback);
}
