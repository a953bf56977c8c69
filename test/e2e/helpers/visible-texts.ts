// Every string a page shows, for checking that a Portuguese page shows no English string.
import type { Page } from '@playwright/test';

/** Every text node's trimmed text, every label, title and placeholder, and whole elements. */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    // Whole elements too, for strings split over several text nodes by markup.
    for (const element of document.querySelectorAll('p, li, h1, h2, h3, dt, dd, th, td, label')) {
      const text = (element as HTMLElement).innerText?.trim();
      if (text) texts.push(text.replace(/\s+/g, ' '));
    }
    return texts;
  });
}
