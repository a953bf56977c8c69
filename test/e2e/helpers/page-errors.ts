import type { Page } from '@playwright/test';

/**
 * Collects what a healthy page never produces: uncaught errors, console errors (Chromium reports
 * CSP violations and failed scripts there) and HTTP errors.
 */
export function recordPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
}
