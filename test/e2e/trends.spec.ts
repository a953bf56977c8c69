// Container memory trends and alerting on the demo plant (`control-room serve --demo`, 60× real
// time from 2026-02-18 21:30): vk02's visualizer grows toward its limit, is OOM-killed at
// 22:52 plant time (about 82 s after the start) and comes back lighter; the chart shows the
// forecast line to its threshold and the kill. Alerting: each WARNING raises a web
// notification, raised again every 5 minutes (the page's clock is driven) until acknowledged.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWebSocketPipe } from '../../electron/server/ws-pipe';
import { createClient } from '../../shared/api/client';
import { openSocket, socketUrlOf } from '../helpers/websocket';
import { answerRequests } from './helpers/answer-requests';
import { CoreHarness } from './helpers/core-harness';
import { repositoryRoot } from './helpers/core-process';
import { recordPageErrors } from './helpers/page-errors';

const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots', 'trends');

/** The kill comes 82 s of real time after the start; then a tick or two to see it. */
const KILL_WAIT_MS = 180_000;
const REPEAT_INTERVAL = '05:00';

/** `Growing 2.8 MB per hour (the leak finding): it reaches the memory limit (436 MB) in ~1.4 h.` */
const forecastSentence = new RegExp(
  String.raw`^Growing [\d.]+ [kM]B per hour .*: it reaches the ` +
    String.raw`(memory limit|level at which it was killed before) \([\d.]+ MB\) in ~[\d.]+ h\.$`,
);

test.describe.configure({ mode: 'serial' });

let harness: CoreHarness;
const pageErrors: string[] = [];

test.beforeAll(async () => {
  await mkdir(screenshotDirectory, { recursive: true });
  harness = await CoreHarness.start(['--demo']);
});

test.afterAll(async () => {
  await harness?.dispose();
});

test.afterEach(() => {
  expect(pageErrors).toEqual([]);
  pageErrors.length = 0;
});

test('the visualizer on vk02: forecast line to its threshold, and the kill marked', async ({
  browser,
}) => {
  test.setTimeout(KILL_WAIT_MS + 60_000);
  const page = await browser.newPage({ locale: 'en-US' });
  recordPageErrors(page, pageErrors);
  try {
    await page.goto(`${harness.core.url}#/containers`);
    await page.getByRole('group', { name: 'Node' }).getByRole('button', { name: 'vk02' }).click();
    await page
      .getByRole('group', { name: 'Time range' })
      .getByRole('button', { name: '6 hours' })
      .click();
    const chart = page.getByRole('figure', { name: 'Memory of visionking-visualizer on vk02' });
    await expect(chart).toBeVisible({ timeout: 60_000 });

    // Growing toward its limit: a dashed forecast line and the sentence with its numbers.
    await expect(chart.locator('.forecast-line path.recharts-line-curve')).toBeVisible({
      timeout: 60_000,
    });
    await expect(chart.getByTestId('memory-forecast')).toHaveText(forecastSentence);
    await page.screenshot({ path: join(screenshotDirectory, 'forecast.png'), fullPage: true });

    // The OOM kill: memory falls with a restart, marked on the chart and listed in words.
    const events = chart.getByRole('list', { name: 'Events of visionking-visualizer' });
    await expect(events.locator('li[data-kind="killed"]').first()).toContainText(
      /^✕ Killed at \d{1,2}:\d{2}( [AP]M)? \([\d.]+ MB → [\d.]+ MB\)$/,
      { timeout: KILL_WAIT_MS },
    );
    // A vertical line has no width, so Playwright calls it hidden: count it, read its label.
    await expect(chart.locator('.memory-event-killed line')).not.toHaveCount(0);
    await expect(chart.locator('svg').getByText('✕ killed').first()).toBeVisible();
    await page.screenshot({ path: join(screenshotDirectory, 'killed.png'), fullPage: true });
  } finally {
    await page.close();
  }
});

/** Replaces the browser's Notification with one that counts what the page raises. */
async function countNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const raised: { title: string; body: string; tag: string }[] = [];
    class CountingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        raised.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
      }
      close(): void {}
    }
    Object.assign(window, { Notification: CountingNotification, raisedNotifications: raised });
    localStorage.setItem('controlRoom.preferences', JSON.stringify({ notifications: true }));
  });
}

interface Raised {
  title: string;
  body: string;
  tag: string;
}

function raised(page: Page): Promise<Raised[]> {
  return page.evaluate(
    () => (window as unknown as { raisedNotifications: Raised[] }).raisedNotifications,
  );
}

test('a WARNING is raised again every 5 minutes until it is acknowledged', async ({ browser }) => {
  const page = await browser.newPage({ locale: 'en-US' });
  recordPageErrors(page, pageErrors);
  const client = createClient(createWebSocketPipe(await openSocket(socketUrlOf(harness.core.url))));
  try {
    await countNotifications(page);
    await page.clock.install();
    await page.goto(`${harness.core.url}#/overview`);
    // The badge: the count of WARNINGs waiting, in front of the title and on the favicon.
    await expect(page).toHaveTitle(/^\(\d+\) Overview/, { timeout: 60_000 });
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /^data:image\/svg/);

    // Raised when they open (or, if open before the page, counted and raised at the interval).
    await page.clock.fastForward(REPEAT_INTERVAL);
    await expect.poll(async () => (await raised(page)).length).toBeGreaterThan(0);
    const before = await raised(page);
    const waiting = new Set(before.map((item) => item.tag));
    await page.clock.fastForward(REPEAT_INTERVAL);
    await expect
      .poll(async () => (await raised(page)).filter((item) => waiting.has(item.tag)).length)
      .toBeGreaterThan(before.length);
    const repeat = (await raised(page)).at(-1);
    expect(repeat?.title).toMatch(/New WARNING|WARNING still waiting/);

    // Acknowledge every open WARNING, as the Findings view does.
    const open = await client.call('findings.list', { state: 'open', severity: 'WARNING' });
    for (const finding of open) {
      await client.call('findings.acknowledge', { id: finding.id, by: 'e2e', note: 'seen' });
    }
    const acknowledged = new Set(open.map((finding) => `finding-${finding.id}`));
    // The acknowledgements reach the page as findings.changed within milliseconds.
    await page.waitForTimeout(2_000);
    const afterAcknowledging = (await raised(page)).length;
    await page.clock.fastForward(REPEAT_INTERVAL);
    await page.clock.fastForward(REPEAT_INTERVAL);
    await page.waitForTimeout(500);
    const later = (await raised(page)).slice(afterAcknowledging);
    expect(later.filter((item) => acknowledged.has(item.tag))).toEqual([]);
  } finally {
    client.close();
    await page.close();
  }
});

test('GPU thermals on vk01: cycling, idle with models loaded and the telemetry gap', async ({
  browser,
}) => {
  // vk01's GPU cycles from 23:37 plant time; its reboot at 21:33 left a stretch with no
  // telemetry (and from 00:27 it reads [N/A] for 50 min).
  test.setTimeout(360_000);
  const page = await browser.newPage({ locale: 'en-US' });
  recordPageErrors(page, pageErrors);
  try {
    await page.goto(`${harness.core.url}#/gpus`);
    await page.getByRole('group', { name: 'Node' }).getByRole('button', { name: 'vk01' }).click();
    await page
      .getByRole('group', { name: 'Time range' })
      .getByRole('button', { name: '6 hours' })
      .click();
    const temperature = page.getByRole('figure', { name: 'Temperature' }).first();
    const utilization = page.getByRole('figure', { name: 'Utilization' }).first();
    await expect(temperature.locator('svg').getByText('▲ thermal cycling').first()).toBeVisible({
      timeout: 240_000,
    });
    await expect(
      utilization.locator('svg').getByText('◆ idle with models loaded').first(),
    ).toBeVisible();
    await expect(temperature.locator('svg').getByText('no telemetry').first()).toBeVisible({
      timeout: 120_000,
    });
    await page.screenshot({ path: join(screenshotDirectory, 'gpus.png'), fullPage: true });
  } finally {
    await page.close();
  }
});

test('a chart says when the archive has nothing yet, and when it cannot answer, and why', async ({
  browser,
}) => {
  for (const [answer, said, notSaid] of [
    [{ value: [] }, '(nothing is archived in this range yet)', 'cannot answer'],
    [
      { error: { code: 'UNAVAILABLE', message: 'the archive is closed' } },
      '(the archive cannot answer: hover for why)',
      'nothing is archived',
    ],
  ] as const) {
    const page = await browser.newPage({ locale: 'en-US' });
    await answerRequests(page, { 'trend.query': () => answer });
    await page.goto(`${harness.core.url}#/gpus`);
    const caption = page.getByRole('figure', { name: 'Temperature' }).first().locator('figcaption');
    await expect(caption).toContainText("from this page's recent snapshots");
    await expect(caption).toContainText(said);
    await expect(caption).not.toContainText(notSaid);
    if ('error' in answer) {
      await expect(caption.locator('[title]')).toHaveAttribute('title', /the archive is closed/);
    }
    await page.close();
  }
});
