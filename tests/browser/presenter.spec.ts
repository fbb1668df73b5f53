import { expect, openApp, SHOTS, test } from './fixtures';

// Issue 14 §3: presenter mode for a projector, and the `?` overlay of keyboard shortcuts.

test.use({ viewport: { width: 1920, height: 1080 } });

test('presenter mode: large type, the Train button and the loss chart side by side on one screen; ? lists the shortcuts', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
  // Body text: the smallest running text of a panel (muted notes) is at least 24 px.
  const sizes = await page.locator('.panel p').evaluateAll((ps) => ps.filter((p) => (p as HTMLElement).offsetParent !== null).map((p) => parseFloat(getComputedStyle(p).fontSize)));
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
  await page.screenshot({ path: `${SHOTS}/presenter-en.png` });
  const train = (await page.getByTestId('startTraining').boundingBox())!;
  const chart = (await page.getByTestId('loss-chart').boundingBox())!;
  console.log(`presenter: Train button at y ${train.y}, loss chart at x ${chart.x} y ${chart.y}–${chart.y + chart.height}`);
  for (const box of [train, chart]) expect(box.y + box.height).toBeLessThanOrEqual(1080);
  expect(chart.x).toBeGreaterThan(train.x + train.width); // beside, not below
  await expect(page.getByTestId('backend-panel')).toHaveCount(0).catch(() => expect(page.locator('.area-backend')).toBeHidden());
  await page.screenshot({ path: `${SHOTS}/presenter-en.png` });
  await page.getByTestId('language').selectOption('zh');
  // The tab's title and the page's language follow the UI's.
  await expect(page).toHaveTitle('CNN 训练场');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await page.screenshot({ path: `${SHOTS}/presenter-zh.png` });
  await page.getByTestId('language').selectOption('en');
  await expect(page).toHaveTitle('CNN Playground');

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcuts-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay.getByTestId('shortcut-row').filter({ hasText: 'Pause' })).toContainText('P');
  await expect(overlay.getByTestId('shortcut-row').filter({ hasText: 'Step one batch' })).toContainText('N');
  await expect(overlay).not.toContainText('Ctrl+L');
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);

  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
});
