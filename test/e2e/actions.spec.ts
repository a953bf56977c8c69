// The action flow on the demo plant (`control-room serve --demo`, issue #8): a viewer (how every
// session starts) sees no action button, only which role is needed; the PIN is set and the role
// raised to technician through the Actions view; then, from the pgAdmin finding, "restart
// container" goes through preview (exact command, post-check, duration) and confirmation, its
// output shows, the post-check passes and the audit entry appears. Screenshots of each stage.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWebSocketPipe } from '../../electron/server/ws-pipe';
import { createClient } from '../../shared/api/client';
import { openSocket, socketUrlOf } from '../helpers/websocket';
import type { CoreHarness } from './helpers/core-harness';
import { repositoryRoot } from './helpers/core-process';
import { englishStrings } from './helpers/english-catalogue';
import { closeDemoPage, openDemoPage } from './helpers/demo-page';
import { visibleTexts } from './helpers/visible-texts';

const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots', 'actions');

/** The demo's pgAdmin on vk03 is down from the start; its WARNING opens after a few seconds. */
const FINDING_WAIT_MS = 60_000;
/** The demo restarts at once; the post-check polls every 2 s. */
const RUN_WAIT_MS = 30_000;
const PIN = '2468';

test.describe.configure({ mode: 'serial' });

let harness: CoreHarness;
let page: Page;
const pageErrors: string[] = [];

test.beforeAll(async ({ browser }) => {
  ({ harness, page } = await openDemoPage(browser, pageErrors, { screenshotDirectory }));
});

test.afterAll(() => closeDemoPage(page, harness));

/** The demo's SSH outage on every node: plant 21:45 to 22:03 (-03:00), 15 to 33 s after start. */
const SSH_OUTAGE_OVER = Date.parse('2026-02-18T22:05:00-03:00');

/**
 * Waits until the demo's SSH outage is over and the guards would let a restart of vk03's
 * pgadmin through (a preview runs nothing). During the outage the snapshot has no container
 * list and the guards rightly refuse ("cannot check pgadmin on vk03: containers was not read");
 * a preview allowed just before it starts would be refused at the run.
 */
async function waitUntilRestartAllowed(pageUrl: string): Promise<void> {
  const client = createClient(createWebSocketPipe(await openSocket(socketUrlOf(pageUrl))));
  const request = {
    actionId: 'container.restart',
    target: { node: 'vk03', container: 'pgadmin' },
    args: {},
  };
  const state = async () => {
    const snapshot = await client.call('snapshot.latest', {});
    if (!snapshot || Date.parse(snapshot.takenAt) < SSH_OUTAGE_OVER) return 'the outage is on';
    const answer = await client.call('actions.preview', request);
    return answer.ok ? 'allowed' : answer.reason;
  };
  try {
    await expect
      .poll(state, { timeout: 90_000, intervals: [2_000], message: 'the SSH outage should end' })
      .toBe('allowed');
  } finally {
    client.close();
  }
}

function pgadminFinding(page: Page) {
  return page.locator('li.finding').filter({ hasText: 'vk03 pgadmin is down' });
}

test('a viewer sees no action button, only the role needed and where to raise it', async () => {
  await page.goto(`${harness.core.url}#/findings`);
  const finding = pgadminFinding(page);
  await expect(finding).toBeVisible({ timeout: FINDING_WAIT_MS });
  await expect(finding).toContainText(
    'Running these actions needs the role technician or higher (yours: viewer).',
  );
  await expect(
    finding.getByRole('link', { name: 'Raise it with the PIN in the Actions view.' }),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: 'Suggested actions' })).toHaveCount(0);
  await expect(page.locator('[data-action]')).toHaveCount(0);
  await page.screenshot({ path: join(screenshotDirectory, 'findings-viewer.png'), fullPage: true });

  await page.goto(`${harness.core.url}#/actions`);
  await expect(page.getByRole('main')).toContainText('Your role: viewer');
  const catalog = page.getByRole('list', { name: 'Action catalog' });
  await expect(catalog.getByRole('listitem')).toHaveCount(15);
  await expect(catalog.getByRole('button')).toHaveCount(0);
  await expect(catalog.locator('[data-action="container.restart"]')).toContainText(
    'Raise it with the PIN under Your role above.',
  );
});

test('the PIN is set and the role raised to technician in the Actions view', async () => {
  await page.goto(`${harness.core.url}#/actions`);
  const panel = page.getByRole('region', { name: 'Your role' });
  await expect(panel).toContainText('No PIN is set yet');

  // Raising without a PIN set is refused, saying why.
  await panel.getByRole('combobox', { name: 'Role' }).selectOption('technician');
  await panel.getByRole('button', { name: 'Change the role' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'needs a PIN; set one in Settings or the Actions view first',
  );

  const setPin = panel.getByRole('group', { name: 'Set the PIN' });
  await setPin.getByLabel('New PIN (4 to 12 digits)').fill(PIN);
  await setPin.getByRole('button', { name: 'Save the PIN' }).click();
  // Once a PIN is set the same form changes it, asking for the current one.
  const changePin = panel.getByRole('group', { name: 'Change the PIN' });
  await expect(changePin.getByRole('status')).toHaveText('PIN saved.');
  await expect(changePin.getByLabel('Current PIN')).toBeVisible();

  const change = panel.getByRole('group', { name: 'Change the role' });
  await change.getByLabel('PIN', { exact: true }).fill('0000');
  await change.getByRole('button', { name: 'Change the role' }).click();
  await expect(change.getByRole('alert')).toContainText('wrong PIN');
  await change.getByLabel('PIN', { exact: true }).fill(PIN);
  await change.getByRole('button', { name: 'Change the role' }).click();
  await expect(change.getByRole('status')).toHaveText('Your role is now technician.');
  await expect(panel).toContainText('Your role: technician');

  // A technician may run read-only and disruptive actions, not destructive ones.
  const catalog = page.getByRole('list', { name: 'Action catalog' });
  const restart = catalog.locator('[data-action="container.restart"]');
  await expect(restart.getByRole('button', { name: 'Preview' })).toBeVisible();
  const remove = catalog.locator('[data-action="container.remove"]');
  await expect(remove.getByRole('button')).toHaveCount(0);
  await expect(remove).toContainText('needs the role supervisor or higher (yours: technician)');
  await page.screenshot({ path: join(screenshotDirectory, 'role-technician.png'), fullPage: true });
});

test('from a finding, restart container: preview, confirm, post-check, audit', async () => {
  await waitUntilRestartAllowed(harness.core.url);
  await page.goto(`${harness.core.url}#/findings`);
  const finding = pgadminFinding(page);
  await expect(finding).toBeVisible({ timeout: FINDING_WAIT_MS });
  const actions = finding.getByRole('group', { name: 'Suggested actions' });
  await expect(actions.getByRole('link')).toHaveText([
    'Restart a container…',
    "Tail a container's logs…",
    'Open Portainer…',
  ]);
  await actions.getByRole('link', { name: 'Restart a container…' }).click();

  await expect(page).toHaveURL(/#\/actions\?action=container\.restart&finding=\d+/);
  const flow = page.getByRole('region', { name: 'Preview and run: Restart a container' });
  await expect(flow).toContainText('container pgadmin on node vk03');
  const details = flow.getByRole('definition');
  await expect(flow.getByRole('list', { name: 'Exact commands' })).toContainText(
    'docker restart -t 30 pgadmin',
  );
  await expect(details.filter({ hasText: 'running and healthy within 60 s' })).toHaveCount(1);
  await expect(details.filter({ hasText: 'about 15 s' })).toHaveCount(1);
  await expect(details.filter({ hasText: 'disruptive' })).toHaveCount(1);
  await expect(details.filter({ hasText: 'SSH access' })).toHaveCount(1);
  await page.screenshot({ path: join(screenshotDirectory, 'preview.png'), fullPage: true });

  await flow.getByRole('button', { name: 'Confirm and run' }).click();
  const result = flow.getByRole('status').filter({ hasText: 'Succeeded' });
  await expect(result).toContainText('exit code 0', { timeout: RUN_WAIT_MS });
  await expect(result).toContainText('Post-check passed: pgadmin is running');
  const auditLine = result.getByText(/Audit record \d+ written\./);
  await expect(auditLine).toBeVisible();
  const auditId = /Audit record (\d+)/.exec((await auditLine.textContent()) ?? '')?.[1];
  const output = flow.getByRole('log', { name: 'Output' });
  await expect(output).toContainText('$ docker restart -t 30 pgadmin');
  await expect(output).toContainText('post-check passed');

  const audit = page.getByRole('table', { name: 'Audit trail' });
  const row = audit.locator(`tr[data-audit-id="${auditId}"]`);
  await expect(row).toContainText('container.restart');
  await expect(row).toContainText('vk03 / pgadmin');
  await expect(row).toContainText('technician');
  await expect(row).toContainText('Succeeded');
  await expect(row).toContainText('Post-check passed');
  await flow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshotDirectory, 'restart-done.png'), fullPage: true });
});

test('a run is cancelled while its post-check waits; the audit says cancelled', async () => {
  await page.goto(`${harness.core.url}#/actions`);
  const entry = page.locator('[data-action="container.restart"]');
  await entry.getByRole('combobox', { name: 'Node' }).selectOption('vk03');
  await entry.getByRole('combobox', { name: 'Container' }).fill('pgadmin');
  await entry.getByRole('button', { name: 'Preview' }).click();
  const flow = entry.getByRole('region', { name: 'Preview and run: Restart a container' });
  await flow.getByRole('button', { name: 'Confirm and run' }).click();
  // The demo restarts at once; the post-check then polls every 2 s until pgadmin runs again.
  await flow.getByRole('button', { name: 'Cancel the run' }).click();
  const result = flow.getByRole('status').filter({ hasText: 'Cancelled' });
  await expect(result).toContainText('Post-check skipped: the run was cancelled', {
    timeout: RUN_WAIT_MS,
  });
  const auditId = /Audit record (\d+)/.exec((await result.textContent()) ?? '')?.[1];
  const row = page
    .getByRole('table', { name: 'Audit trail' })
    .locator(`tr[data-audit-id="${auditId}"]`);
  await expect(row).toContainText('Cancelled');
  await expect(row).toContainText('Post-check skipped');
});

test('from the Actions view, tail logs with an argument; output shows under its step', async () => {
  await page.goto(`${harness.core.url}#/actions`);
  const entry = page.locator('[data-action="container.logs"]');
  const form = entry.getByRole('form', { name: "Target of Tail a container's logs" });
  await form.getByRole('combobox', { name: 'Node' }).selectOption('vk03');
  await form.getByRole('combobox', { name: 'Container' }).fill('pgadmin');
  await form.getByRole('textbox', { name: 'lines' }).fill('9999');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(form.getByRole('alert')).toHaveText('lines is outside its range.');
  await form.getByRole('textbox', { name: 'lines' }).fill('5');
  await form.getByRole('button', { name: 'Preview' }).click();

  const flow = entry.getByRole('region', { name: "Preview and run: Tail a container's logs" });
  await expect(flow.getByRole('list', { name: 'Exact commands' })).toContainText(
    'docker logs --tail 5 --timestamps pgadmin',
  );
  await flow.getByRole('button', { name: 'Confirm and run' }).click();
  await expect(flow.getByRole('status').filter({ hasText: 'Succeeded' })).toContainText(
    'No post-check',
    { timeout: RUN_WAIT_MS },
  );
  const output = flow.getByRole('log', { name: 'Output' });
  await expect(output.locator('[data-kind="step"]')).toHaveCount(1);
  await expect(output.locator('[data-kind="step"]')).toContainText(
    '$ docker logs --tail 5 --timestamps pgadmin',
  );
  await flow.getByRole('button', { name: 'Close' }).click();
  await expect(flow).toHaveCount(0);
});

test('a supervisor must type the container name before a removal runs', async () => {
  await page.goto(`${harness.core.url}#/actions`);
  const change = page.getByRole('group', { name: 'Change the role' });
  await change.getByRole('combobox', { name: 'Role' }).selectOption('supervisor');
  await change.getByLabel('PIN', { exact: true }).fill(PIN);
  await change.getByRole('button', { name: 'Change the role' }).click();
  await expect(change.getByRole('status')).toHaveText('Your role is now supervisor.');

  const entry = page.locator('[data-action="container.remove"]');
  await entry.getByRole('combobox', { name: 'Node' }).selectOption('vk03');
  await entry.getByRole('combobox', { name: 'Container' }).fill('pgadmin');
  await entry.getByRole('button', { name: 'Preview' }).click();
  const flow = entry.getByRole('region', { name: /Remove a crash-looping container/ });
  await expect(flow).toContainText('destructive');
  const run = flow.getByRole('button', { name: 'Confirm and run' });
  await expect(run).toBeDisabled();
  const typed = flow.getByRole('textbox', { name: /Type pgadmin to confirm/ });
  await typed.fill('pgadmi');
  await expect(run).toBeDisabled();
  await typed.fill('pgadmin');
  await expect(run).toBeEnabled();
  await page.screenshot({ path: join(screenshotDirectory, 'remove-confirm.png'), fullPage: true });
  // Nothing is removed: the flow is closed unrun, and lowering the role needs no PIN.
  await flow.getByRole('button', { name: 'Close' }).click();
  await change.getByRole('combobox', { name: 'Role' }).selectOption('viewer');
  await change.getByRole('button', { name: 'Change the role' }).click();
  await expect(page.getByRole('region', { name: 'Your role' })).toContainText('Your role: viewer');
  await expect(page.getByRole('list', { name: 'Action catalog' }).getByRole('button')).toHaveCount(
    0,
  );
});

test('in Portuguese the Actions view and the findings show no English string', async () => {
  await page.goto(`${harness.core.url}#/settings`);
  await page.getByRole('radio', { name: 'Português (Brasil)' }).check();
  const english = englishStrings();
  const found: string[] = [];
  for (const view of ['actions', 'findings']) {
    await page.goto(`${harness.core.url}#/${view}`);
    await expect(page.locator('h1')).toHaveText(view === 'actions' ? 'Ações' : 'Achados');
    await page.waitForTimeout(500);
    for (const text of await visibleTexts(page)) {
      const match = english.find((candidate) => candidate.pattern.test(text));
      if (match) found.push(`${view}: "${text}" (${match.key})`);
    }
  }
  await expect(page.getByRole('main')).toContainText('exige o papel técnico ou superior');
  await page.goto(`${harness.core.url}#/actions`);
  const audit = page.getByRole('table', { name: 'Trilha de auditoria' });
  await expect(audit).toContainText('Concluída');
  await page.screenshot({ path: join(screenshotDirectory, 'actions-pt-BR.png'), fullPage: true });
  expect(found).toEqual([]);

  await page.goto(`${harness.core.url}#/settings`);
  await page.getByRole('radio', { name: 'English' }).check();
});

test('the page logged no errors and broke no content-security rule', () => {
  expect(pageErrors).toEqual([]);
});
