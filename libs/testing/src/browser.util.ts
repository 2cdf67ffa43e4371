import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Browser, LaunchOptions } from 'playwright-core';

/** Where Chromium is looked for, in order, after `CRM_CHROMIUM_PATH`. */
const CANDIDATES = ['chromium', 'chromium-browser', '/usr/bin/chromium'];

function resolveExecutable(name: string): string | undefined {
  if (name.startsWith('/')) return existsSync(name) ? name : undefined;
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
}

/**
 * The Chromium executable for browser tests: `CRM_CHROMIUM_PATH` when set (it must exist), else
 * the first of `chromium`, `chromium-browser`, `/usr/bin/chromium`. Undefined when none is found.
 * The Jest global set-up installs Debian's `chromium` package when it is missing and we are root
 * (`ensureChromium` in `scripts/lib/infra.js`).
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CRM_CHROMIUM_PATH;
  if (fromEnv) return resolveExecutable(fromEnv);
  for (const candidate of CANDIDATES) {
    const found = resolveExecutable(candidate);
    if (found) return found;
  }
  return undefined;
}

/**
 * Launches headless Chromium through playwright-core (which downloads no browser of its own) with
 * the system executable and `--no-sandbox` (tests run as root in containers). Close the browser in
 * `afterAll`. Throws with installation advice when no Chromium is found.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      `Chromium not found (looked at CRM_CHROMIUM_PATH=${process.env.CRM_CHROMIUM_PATH ?? '(unset)'}, ${CANDIDATES.join(', ')}). ` +
        'Install it with `apt-get install -y chromium` (the test set-up does so when run as root) or set CRM_CHROMIUM_PATH.',
    );
  }
  // loaded lazily: importing @crm/testing must not cost the playwright-core load
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    headless: true,
    ...options,
    executablePath,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...(options.args ?? [])],
  });
}
