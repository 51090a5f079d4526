import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; tests never download a browser. */
export const CHROMIUM = process.env['TRACKPLAN_CHROMIUM'] ?? '/usr/bin/chromium';

const INSTALL = 'install it with `sudo apt-get install chromium` (Debian/Ubuntu) or set TRACKPLAN_CHROMIUM to a Chromium binary';

/**
 * Whether browser tests run here. In CI a missing browser is a failure (the tests then throw
 * from `launchChromium`); on a laptop they are skipped, loudly.
 */
export const hasChromium = existsSync(CHROMIUM) || process.env['CI'] === 'true';
if (!hasChromium) process.stderr.write(`\n*** SKIPPING browser tests: no Chromium at ${CHROMIUM}; ${INSTALL}. ***\n\n`);

/** A headless Chromium as CI runs it: no sandbox (containers), no GPU, no background traffic. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: ${INSTALL}.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
