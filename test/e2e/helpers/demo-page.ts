// What the serial specs on the demo plant share: one `serve --demo` core and one English page
// whose errors are recorded, opened before the spec and closed after it.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { CoreHarness } from './core-harness';
import { recordPageErrors } from './page-errors';

export interface DemoPage {
  harness: CoreHarness;
  page: Page;
}

/** Starts the demo core and a page recording into `pageErrors`; `goto` opens the interface. */
export async function openDemoPage(
  browser: Browser,
  pageErrors: string[],
  options: { screenshotDirectory?: string; goto?: boolean } = {},
): Promise<DemoPage> {
  if (options.screenshotDirectory) await mkdir(options.screenshotDirectory, { recursive: true });
  const harness = await CoreHarness.start(['--demo']);
  const page = await browser.newPage({ locale: 'en-US' });
  recordPageErrors(page, pageErrors);
  if (options.goto ?? true) await page.goto(harness.core.url);
  return { harness, page };
}

/** Closes what `openDemoPage` opened, whatever of it was opened. */
export async function closeDemoPage(
  page: Page | undefined,
  harness: CoreHarness | undefined,
): Promise<void> {
  await page?.close();
  await harness?.dispose();
}
