import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Chooses `option` in a React Aria combobox with the keyboard, as a GP does (↓ then Entrée), once it leads the
 * list. Each key's effect is waited for, not assumed: a list opened on focus first shows the previous answer and
 * then the one for what was typed, and React renders a key's effect when it gets to it (later on a loaded
 * machine); a key pressed on a list about to change reaches the wrong suggestion, or none. `whileHighlighted`
 * runs with the suggestion reached and the list still open (a screenshot of the search, say).
 */
export async function chooseSuggestion(
  page: Page,
  combobox: Locator,
  option: Locator,
  whileHighlighted?: () => Promise<void>,
): Promise<void> {
  const id = await option.getAttribute('id');
  const list = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  await expect.poll(() => list.getByRole('option').first().getAttribute('id')).toBe(id);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => combobox.getAttribute('aria-activedescendant')).toBe(id);
  await whileHighlighted?.();
  await page.keyboard.press('Enter');
}
