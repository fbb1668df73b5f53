import AxeBuilder from '@axe-core/playwright';
import { expect, openApp, setSubsets, test, type Page } from './fixtures';

// Issue 14 §5: axe-core finds no critical or serious accessibility violation, idle and after training.

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('no critical or serious axe violations, idle, after training, and in Chinese in presenter mode', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  const idle = await seriousViolations(page);
  console.log(`axe, idle: ${idle.length ? idle.join('\n  ') : 'none'}`);
  await setSubsets(page, 500, 100, 100);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 120_000 });
  // Each chart is a named figure with its figures as a table: one validation row for the run's one epoch.
  const lossChart = page.getByRole('figure', { name: /^Loss/ });
  await lossChart.getByText('Show the figures as a table').click();
  const table = lossChart.getByRole('table');
  await expect(table.getByRole('row', { name: /validation/ })).toHaveCount(1);
  await expect(table.getByRole('row', { name: /training \(latest, smoothed\)/ })).toHaveCount(1);
  await page.getByTestId('dynamics-panel').scrollIntoViewIfNeeded();
  const trained = await seriousViolations(page);
  console.log(`axe, after training: ${trained.length ? trained.join('\n  ') : 'none'}`);
  await page.getByTestId('language').selectOption('zh');
  await page.getByTestId('presenter-toggle').click();
  const zhPresenter = await seriousViolations(page);
  console.log(`axe, Chinese in presenter mode: ${zhPresenter.length ? zhPresenter.join('\n  ') : 'none'}`);
  expect(idle).toEqual([]);
  expect(trained).toEqual([]);
  expect(zhPresenter).toEqual([]);
});
