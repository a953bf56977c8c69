// Browser mode has no secret store: Settings' secrets section says that secrets come from
// environment variables or the SSH agent, and offers no field to type one into (the core answers
// the secrets requests UNAVAILABLE; electron/core/handlers-secrets.ts).
import { expect, test } from '@playwright/test';
import { answerRequests } from './helpers/answer-requests';
import { CoreHarness } from './helpers/core-harness';
import { recordPageErrors } from './helpers/page-errors';

let harness: CoreHarness;

test.beforeAll(async () => {
  harness = await CoreHarness.start(['--demo']);
});

test.afterAll(async () => {
  await harness?.dispose();
});

test('Settings says secrets come from environment variables, with no field for one', async ({
  browser,
}) => {
  const page = await browser.newPage({ locale: 'en-US' });
  const pageErrors: string[] = [];
  recordPageErrors(page, pageErrors);
  await page.goto(`${harness.core.url}#/settings`);

  const section = page.getByRole('region', { name: 'Passwords and passphrases' });
  await expect(section).toContainText(
    'In browser mode secrets come from environment variables or the SSH agent',
  );
  await expect(section).toContainText('passwordEnv');
  await expect(section.locator('input')).toHaveCount(0);

  await page.getByRole('radio', { name: 'Português (Brasil)' }).check();
  const portuguese = page.getByRole('region', { name: 'Senhas e frases-senha' });
  await expect(portuguese).toContainText('variáveis de ambiente ou do agente SSH');
  await page.getByRole('radio', { name: 'English' }).check();
  expect(pageErrors).toEqual([]);
  await page.close();
});

// The desktop app answers secrets.status from the main process's store; here the page's socket is
// routed so that one request gets such an answer (helpers/answer-requests.ts).
const desktopStatus = {
  fleetFile: '/etc/control-room/fleet-03002.yaml',
  fleetReason: null,
  persistent: false,
  persistenceReason: 'only basic_text',
  secrets: [
    {
      variable: 'VK03_PG_PASSWORD',
      uses: [{ node: 'vk03', channel: 'postgres' }],
      state: 'missing',
      reason: null,
    },
    {
      variable: 'VK01_PG_PASSWORD',
      uses: [{ node: 'vk01', channel: 'postgres' }],
      state: 'session',
      reason: null,
    },
  ],
};

test('a missing secret shows a banner on every view that leads to Settings', async ({
  browser,
}) => {
  const page = await browser.newPage({ locale: 'en-US' });
  const pageErrors: string[] = [];
  recordPageErrors(page, pageErrors);
  await answerRequests(page, { 'secrets.status': () => ({ value: desktopStatus }) });
  await page.goto(`${harness.core.url}#/overview`);

  const banner = page.locator('.secrets-banner');
  await expect(banner).toContainText('Not entered yet: VK03_PG_PASSWORD');
  await expect(banner).toContainText('vk03 · PostgreSQL');
  await expect(banner).not.toContainText('VK01_PG_PASSWORD');
  await expect(banner).toContainText('asks for them at each start');
  await page.goto(`${harness.core.url}#/containers`);
  await expect(banner).toContainText('VK03_PG_PASSWORD');

  await banner.getByRole('link', { name: 'Enter them in Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  // Settings has the fields themselves, so the banner steps aside there.
  await expect(banner).toHaveCount(0);

  await page.getByRole('radio', { name: 'Português (Brasil)' }).check();
  await page.goto(`${harness.core.url}#/overview`);
  await expect(banner).toContainText('Ainda não informadas: VK03_PG_PASSWORD');
  await expect(banner).toContainText('pede a cada início');
  await expect(banner.getByRole('link', { name: 'Informar em Configurações' })).toBeVisible();
  expect(pageErrors).toEqual([]);
  await page.close();
});
