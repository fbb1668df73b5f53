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
  // A step done stays done when the student goes back to it.
  await page.getByTestId('lesson-previous').click();
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'true');
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('lesson-step-title')).toHaveText('看看网络内部');
  await page.screenshot({ path: `${SHOTS}/lesson-inside-zh.png` });
});

test('two more lessons open from their links, in English and in Chinese, and load their steps', async ({ app: page }) => {
  await page.goto('/?lesson=overfitting&backend=wasm');
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lesson-panel')).toContainText('Over- and underfitting, and the cures');
  await expect(page.getByTestId('lesson-step-title')).toHaveText('First overfit');
  await page.getByTestId('lesson-load').click();
  await expect(page.getByTestId('subset-train')).toHaveValue('200');
  await expect(page.getByTestId('epochs')).toHaveValue('30');
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'false');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Underfitting');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Cure 1: weight decay (L2)');
  await page.getByTestId('lesson-load').click();
  await expect(page.getByTestId('reg-l2')).toHaveValue('0.03');

  // The language is remembered: the next link opens in Chinese.
  await page.getByTestId('language').selectOption('zh');
  await page.goto('/?lesson=optimizers&backend=wasm');
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lesson-step-title')).toHaveText('曲面上的路径');
  await page.getByTestId('presenter-toggle').click();
  await page.getByTestId('lesson-load').click();
  // The step opens the paths panel (shown in presenter mode while the step works in it) and traces its three optimizers.
  await expect(page.getByTestId('paths-panel')).toBeVisible();
  await expect(page.getByTestId('paths-panel')).toHaveAttribute('open', '');
  await expect(page.getByTestId('lesson-check')).toHaveAttribute('data-passed', 'true');
  await page.getByTestId('lesson-go').click();
  await expect(page.getByTestId('paths-panel')).toBeInViewport();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-load').click();
  await expect(page.getByTestId('optimizer-select')).toHaveValue('sgd');
  await expect(page.getByTestId('paths-panel')).toBeHidden(); // the training steps close it again
});
