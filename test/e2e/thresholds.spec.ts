// Thresholds in Settings (issue #7) on the demo plant (`control-room serve --demo`): change one,
// save, and find it kept after a reload and after the core restarts (it reads the data
// directory at start); a value out of range is refused with the rule and threshold named; reset
// to default puts the default back; and a saved value changes what the running engine finds.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWebSocketPipe } from '../../electron/server/ws-pipe';
import { createClient } from '../../shared/api/client';
import { openSocket, socketUrlOf } from '../helpers/websocket';
import type { CoreHarness } from './helpers/core-harness';
import { repositoryRoot } from './helpers/core-process';
import { closeDemoPage, openDemoPage } from './helpers/demo-page';

test.describe.configure({ mode: 'serial' });

let harness: CoreHarness;
let page: Page;
const pageErrors: string[] = [];

const FIELD = 'Memory leak: minRateMbPerHour (MB/h)';
const screenshot = join(repositoryRoot, 'test-results', 'screenshots', 'settings-thresholds.png');

test.beforeAll(async ({ browser }) => {
  ({ harness, page } = await openDemoPage(browser, pageErrors, { goto: false }));
});

test.afterAll(() => closeDemoPage(page, harness));

async function openMemoryLeak(): Promise<void> {
  await page.goto(`${harness.core.url}#/settings`);
  const section = page.getByRole('region', { name: 'Finding thresholds' });
  await expect(section).toContainText(/Changes are kept in .*threshold-settings\.json/);
  const details = section.locator('details[data-rule="memory-leak"]');
  // Open stays open within one page: click only a closed one.
  if ((await details.getAttribute('open')) === null) await details.locator('> summary').click();
  await expect(details).toHaveAttribute('open', '');
}

test('a changed threshold is kept after a reload and after the core restarts', async () => {
  await openMemoryLeak();
  const field = page.getByRole('textbox', { name: FIELD });
  await expect(field).toHaveValue('1');
  await field.fill('2.5');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.reload();
  await openMemoryLeak();
  await expect(page.getByRole('textbox', { name: FIELD })).toHaveValue('2.5');
  await expect(page.locator('details[data-rule="memory-leak"] > summary')).toContainText(
    'changed: 1',
  );
  await page.getByRole('region', { name: 'Finding thresholds' }).screenshot({ path: screenshot });

  expect(pageErrors).toEqual([]);
  const { port, token } = harness.core;
  await harness.kill();
  await harness.restart({ port, token });
  // A new page load: what it shows comes from the new core, which read the data directory.
  await page.reload();
  await openMemoryLeak();
  await expect(page.getByRole('textbox', { name: FIELD })).toHaveValue('2.5');
});

test('a value out of range is refused, naming the rule and the threshold', async () => {
  await openMemoryLeak();
  await page.getByRole('textbox', { name: FIELD }).fill('-4');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Not saved:' });
  await expect(status).toContainText(
    'rule memory-leak, threshold minRateMbPerHour: -4 MB/h is out of range',
  );
  await page.getByRole('textbox', { name: FIELD }).fill('many');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(status).toContainText('Memory leak, minRateMbPerHour: "many" is not a number');
});

test('reset to default puts the default back once saved', async () => {
  await openMemoryLeak();
  await page
    .getByRole('button', { name: 'Reset minRateMbPerHour of Memory leak to its default' })
    .click();
  await expect(page.getByRole('textbox', { name: FIELD })).toHaveValue('1');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await openMemoryLeak();
  await expect(page.getByRole('textbox', { name: FIELD })).toHaveValue('1');
});

test('a saved threshold changes what the running findings engine finds', async () => {
  // The demo's log rates need about a minute of plant logs before the rule can read them.
  test.setTimeout(180_000);
  await page.goto(`${harness.core.url}#/settings`);
  const client = createClient(createWebSocketPipe(await openSocket(socketUrlOf(page.url()))));
  const logVolume = async () =>
    (await client.call('findings.list', { state: 'open' })).filter(
      (finding) => finding.ruleId === 'log-volume',
    ).length;
  try {
    // By default only the two PLC monitors log more than 100 lines/s; at 0.01 lines/s every
    // container with a log line is over the threshold.
    const before = await logVolume();
    await client.call('thresholds.save', {
      overrides: { 'log-volume': { maxLinesPerSecond: 0.01 } },
    });
    await expect.poll(logVolume, { timeout: 150_000 }).toBeGreaterThan(before + 4);
  } finally {
    await client.call('thresholds.save', { overrides: {} });
    client.close();
  }
});
