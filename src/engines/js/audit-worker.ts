// The entry of an audit worker thread: source maps first when the CLI runs with --debug (see
// bin.ts; they apply only to code loaded after they are enabled), then the worker itself.
if (process.env['TRACKPLAN_SOURCE_MAPS'] === '1') process.setSourceMapsEnabled(true);
await import('./job.js');
