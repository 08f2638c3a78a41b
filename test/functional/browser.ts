/**
 * Headless Chromium for the docs site tests: Debian's chromium driven by playwright-core
 * (never a downloaded browser). Without it the tests skip with a message, except under
 * CI=true, where they must run (.ci/run installs it).
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['TX_CHROMIUM'] ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** describe() that needs Chromium: skipped with a message when it is missing, failing instead under CI=true. */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const notice = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('needs Chromium (CI=true: not skipping)', () => {
        throw new Error(notice);
      });
    });
    return;
  }
  console.warn(`[skip] ${name}: ${notice}`);
  describe.skip(name, body);
}
