// Findings in Portuguese on the demo plant (`control-room serve --demo`): switched to pt-BR, the
// Findings view shows each finding's title and detail in Portuguese, written by the renderer's
// catalogue from the finding's fields; where the catalogue declares a fallback the core's English
// is shown marked lang="en", never unmarked. Settings' thresholds name the rules and say what
// each threshold means in Portuguese.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWebSocketPipe } from '../../electron/server/ws-pipe';
import { createClient } from '../../shared/api/client';
import { openSocket, socketUrlOf } from '../helpers/websocket';
import type { CoreHarness } from './helpers/core-harness';
import { repositoryRoot } from './helpers/core-process';
import { closeDemoPage, openDemoPage } from './helpers/demo-page';

const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots', 'views');

let harness: CoreHarness;
let page: Page;
const pageErrors: string[] = [];

test.beforeAll(async ({ browser }) => {
  const options = { screenshotDirectory, goto: false };
  ({ harness, page } = await openDemoPage(browser, pageErrors, options));
});

test.afterAll(() => closeDemoPage(page, harness));

interface ShownFinding {
  key: string;
  title: string;
  titleLang: string | null;
  detail: string;
  detailLang: string | null;
}

function shownFindings(): Promise<ShownFinding[]> {
  return page.locator('li.finding').evaluateAll((items) =>
    items.map((item) => {
      const title = item.querySelector('.finding__title > strong:last-of-type');
      // After the severity symbol's span: the detail's.
      const detail = item.querySelector('.finding__title > span:last-of-type');
      return {
        key: item.getAttribute('data-key') ?? '',
        title: title?.textContent ?? '',
        titleLang: title?.getAttribute('lang') ?? null,
        detail: detail?.textContent ?? '',
        detailLang: detail?.getAttribute('lang') ?? null,
      };
    }),
  );
}

test('in Portuguese the findings read in Portuguese, and English only where marked', async () => {
  await page.goto(`${harness.core.url}#/settings`);
  await page.getByRole('radio', { name: 'Português (Brasil)' }).check();
  const client = createClient(createWebSocketPipe(await openSocket(socketUrlOf(page.url()))));
  try {
    // The demo runs at 60x: findings of several rules within seconds.
    await expect
      .poll(async () => (await client.call('findings.list', {})).length, { timeout: 60_000 })
      .toBeGreaterThan(3);
    await page.goto(`${harness.core.url}#/findings`);
    await expect(page.locator('li.finding').first()).toBeVisible({ timeout: 15_000 });
    const shown = await shownFindings();
    const english = new Map((await client.call('findings.list', {})).map((f) => [f.key, f]));
    const problems: string[] = [];
    let portuguese = 0;
    for (const item of shown) {
      const core = english.get(item.key);
      if (!core) continue; // changed between the two reads
      for (const [part, text, lang] of [
        ['title', item.title, item.titleLang],
        ['detail', item.detail, item.detailLang],
      ] as const) {
        if (lang === 'en') continue;
        if (text === core[part]) problems.push(`${item.key} ${part} in English, unmarked`);
        else portuguese++;
      }
    }
    expect(problems).toEqual([]);
    expect(shown.length).toBeGreaterThan(0);
    expect(portuguese).toBeGreaterThan(shown.length);
    await page.screenshot({
      path: join(screenshotDirectory, 'findings-text-pt-BR.png'),
      fullPage: true,
    });
  } finally {
    client.close();
  }

  await page.goto(`${harness.core.url}#/settings`);
  const thresholds = page.getByRole('region', { name: 'Limiares dos achados' });
  const leak = thresholds.locator('details[data-rule="memory-leak"]');
  await expect(leak.locator('> summary')).toContainText('Vazamento de memória');
  await leak.locator('> summary').click();
  await expect(leak).toContainText('O menor crescimento relatado (MiB por hora).');
  await expect(leak.locator('[lang="en"]')).toHaveCount(0);
  await page.getByRole('radio', { name: 'English' }).check();
  expect(pageErrors).toEqual([]);
});
