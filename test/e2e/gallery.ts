/** Opening a template from the gallery (New from template…), as a user does. */
import type { Page } from 'playwright-core';

/** `await openTemplate(page, 'ResNet-20 (CIFAR)')`: resolves once the gallery has closed on it. */
export async function openTemplate(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await gallery.getByRole('button', { name: title, exact: true }).click();
  await gallery.waitFor({ state: 'detached' });
}
