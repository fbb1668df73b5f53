import { expect, SHOTS, test } from './fixtures';

// Issue 14 §2: a lesson opens from one link, loads each step's experiment, and notices when the student got there.

test.use({ viewport: { width: 1920, height: 1080 } });

test('the LeNet-5 lesson opens from its link, loads its steps and notices each goal reached', async ({ app: page }) => {
  await page.goto('/?lesson=lenet-mnist&backend=wasm');
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toContainText('LeNet-5 on MNIST, end to end');
  await expect(page.getByTestId('lesson-step-title')).toHaveText('The data');

  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('LeNet-5 (1998)');
  await page.getByTestId('lesson-load').click();
  await expect(page.getByTestId('layer-row')).toHaveCount(8);
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'true');

  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-load').click();
  await expect(page.getByTestId('subset-train')).toHaveValue('5000');
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'false');
  await page.getByTestId('presenter-toggle').click();
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 180_000 });
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'true');
  await page.screenshot({ path: `${SHOTS}/lesson-train-en.png` });

  await page.getByTestId('lesson-next').click();
  await page.getByTestId('look-inside').click();
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'true');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('lesson-step-title')).toHaveText('看看网络内部');
  await page.screenshot({ path: `${SHOTS}/lesson-inside-zh.png` });
});
