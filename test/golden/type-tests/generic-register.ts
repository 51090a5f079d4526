// The generic client returns what the SDK returns: `unknown` until the project declares it.
import * as tp from '../edge-cases/generic/index.js';

declare module '../edge-cases/generic/client.js' {
  interface Register {
    result: Promise<{ sent: true }>;
  }
}

async function send(): Promise<void> {
  const r = await tp.event404Seen();
  const sent: true = r.sent;
  void sent;
  // @ts-expect-error the declared result has no such field
  void r.missing;
}
void send;
