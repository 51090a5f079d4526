/**
 * The settings Segment's CDN serves a source (`GET /v1/projects/<writeKey>/settings`), reduced to
 * what analytics-next reads, pointing it at this server: loaded with only `cdnURL` set to the
 * server's URL, it sends every call to `<apiHost>/…` over plain HTTP. No destination is listed
 * (one integration means Segment.io alone, so nothing else is loaded), and remote metrics are
 * off: analytics-next would post them over HTTPS unless its load options say `protocol: 'http'`
 * (`/v1/m` still answers them when a page turns them on).
 */
export function cdnSettings(writeKey: string, apiHost: string): Record<string, unknown> {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost,
        protocol: 'http',
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
        versionSettings: { version: '4.4.7', componentTypes: ['browser'] },
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0, host: apiHost },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
