/** The training panel as the end-to-end tests find it: by role and name. */
import type { Page } from 'playwright-core';

/** The Training tab's panel. */
export const training = (page: Page) => page.getByRole('region', { name: 'Training' });

/** How many points the loss chart plots (its `data-points`). */
export const lossPoints = async (page: Page) => Number(await training(page).getByRole('img', { name: 'Loss chart' }).getAttribute('data-points'));
