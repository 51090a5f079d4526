#!/usr/bin/env node
// The CLI ships bundled (scripts/build-step.mjs): with --debug, stack traces name the sources.
// Source maps apply only to code loaded after they are enabled, so the CLI is imported below,
// and audit workers enable them too (they read the variable).
if (process.argv.includes('--debug')) {
  process.setSourceMapsEnabled(true);
  process.env['TRACKPLAN_SOURCE_MAPS'] = '1';
}
const { main } = await import('./main.js');

// `trackplan check … | head` closes the pipe early; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// A rejection nobody awaited (a worker that died): one line and exit 2, not a stack and exit 1.
process.on('unhandledRejection', (e) => {
  process.stderr.write(`trackplan: unexpected error: ${(e as Error)?.message ?? String(e)}\nThis is a bug in trackplan; run again with --debug and report it.\n`);
  process.exit(2);
});

process.exitCode = await main(process.argv.slice(2));

// For `npm run bench`: the peak memory of the whole process, worker threads included.
if (process.env['TRACKPLAN_REPORT_RSS'] === '1') process.stderr.write(`trackplan-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
