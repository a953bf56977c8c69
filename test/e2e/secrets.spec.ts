// Browser mode has no secret store: Settings' secrets section says that secrets come from
// environment variables or the SSH agent, and offers no field to type one into (the core answers
// the secrets requests UNAVAILABLE; electron/core/handlers-secrets.ts).
import { expect, test } from '@playwright/test';
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
