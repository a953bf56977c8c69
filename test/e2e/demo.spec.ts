// The Overview on the demo plant: `control-room serve --demo` runs the simulated deployment 03002
// at 60× real time, so the page must say it is a demo, show its three nodes and keep moving.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CoreHarness } from './helpers/core-harness';
import { repositoryRoot } from './helpers/core-process';
import { closeDemoPage, openDemoPage } from './helpers/demo-page';

const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots');

const nodeIds = ['vk01', 'vk02', 'vk03'];
const channelNames = ['SSH', 'PostgreSQL', 'Redis', 'HTTP', 'Prometheus', 'RabbitMQ'];

/** Snapshots arrive every 5 s of real time; two of them must fit in this. */
const SNAPSHOT_WAIT_MS = 15_000;

/** The scenario's SSH outage starts 15 s of real time after the core, and is down 10 s later. */
const VERDICT_WAIT_MS = 60_000;

test.describe.configure({ mode: 'serial' });

let harness: CoreHarness;
let page: Page;
const pageErrors: string[] = [];

test.beforeAll(async ({ browser }) => {
  ({ harness, page } = await openDemoPage(browser, pageErrors, { screenshotDirectory }));
});

test.afterAll(() => closeDemoPage(page, harness));

function nodeCard(nodeId: string) {
  return page.getByRole('region', { name: new RegExp(`^${nodeId} · `) });
}

/** The plant time the Overview shows, as the ISO time of its `<time>` element. */
async function plantTime(): Promise<string> {
  await expect(page.locator('.plant-time')).toContainText(/^Plant time: \S/, {
    timeout: SNAPSHOT_WAIT_MS,
  });
  return (await page.locator('.plant-time time').getAttribute('datetime')) ?? '';
}

test('the header shows a DEMO badge that says the plant is simulated', async () => {
  const badge = page.getByRole('banner').getByRole('note');
  await expect(badge).toHaveText('DEMO');
  await expect(badge).toHaveAccessibleName(/simulated plant/);
  await expect(page.getByRole('banner')).toContainText('Deployment 03002 (demo plant)');
});

test('the Overview has one card per node, with its role, host and six channels', async () => {
  const cards = page.getByRole('list', { name: 'Nodes' }).getByRole('heading', { level: 2 });
  await expect(cards).toHaveText(nodeIds.map((id) => new RegExp(`^${id} · `)));

  for (const nodeId of nodeIds) {
    const channels = nodeCard(nodeId).getByRole('list', { name: `Channels of ${nodeId}` });
    const states = '(up|degraded|down|unknown|not configured)';
    // A channel not up also says when it last answered: `SSH down · last answer 5 minutes ago`.
    await expect(channels.getByRole('listitem')).toHaveText(
      channelNames.map((name) => new RegExp(`${name} ${states}( · .+)?$`)),
    );
    await expect(nodeCard(nodeId)).toContainText(/Host \d+\.\d+\.\d+\.\d+/);
  }
});

test('vk03 has no GPU to read: "no reading" with the reason, never 0', async () => {
  await plantTime();
  const card = nodeCard('vk03');
  await expect(card).toContainText('vk03 · Dashboard');
  const hottest = card.locator('dt:text-is("Hottest GPU") + dd .no-reading');
  await expect(hottest).toHaveText('no reading');
  await expect(hottest).toHaveAttribute('title', /\S/);
  await expect(card.getByRole('list', { name: 'Channels of vk03' })).toContainText(
    'not configured',
  );
});

test('the plant time moves on between two reads', async () => {
  const first = await plantTime();
  await expect
    .poll(async () => Date.parse(await plantTime()), { timeout: SNAPSHOT_WAIT_MS })
    .toBeGreaterThan(Date.parse(first));
  await page.screenshot({
    path: join(screenshotDirectory, 'demo-overview.png'),
    fullPage: true,
  });
});

test('SSH failing on every node at 21:45 plant time raises the verdict as an alert', async () => {
  // 15 simulated minutes after the start, then two failed ticks: about 25 s of real time.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('SSH is down on every node', { timeout: VERDICT_WAIT_MS });
  await expect(nodeCard('vk02').getByRole('list', { name: 'Channels of vk02' })).toContainText(
    'SSH down',
  );
  // No node can report its clock now; the plant time stays in the plant's zone all the same.
  await expect(page.locator('.plant-time')).toContainText('GMT-3');
  await page.screenshot({
    path: join(screenshotDirectory, 'demo-overview-verdict.png'),
    fullPage: true,
  });
});

test('in Portuguese the badge reads DEMONSTRAÇÃO', async () => {
  await page.goto(`${harness.core.url}#/settings`);
  await page.getByRole('radio', { name: 'Português (Brasil)' }).check();
  await page.getByRole('link', { name: 'Visão geral' }).click();
  await expect(page.getByRole('banner').getByRole('note')).toHaveText('DEMONSTRAÇÃO');
  await expect(page.locator('.plant-time')).toContainText(/^Hora da planta: \S/);
  await page.screenshot({
    path: join(screenshotDirectory, 'demo-overview-pt-BR.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'Configurações' }).click();
  await page.getByRole('radio', { name: 'English' }).check();
});

test('the page logged no errors and broke no content-security rule', () => {
  expect(pageErrors).toEqual([]);
});
