import { expect, openApp, SHOTS, test, type Page } from './fixtures';

// Number fields: what the user types is what is shown, a value that is not a number is never trained on,
// and every field says its own problem, linked to it for screen readers. No training runs here.
// Pinned to wasm so no backend calibration runs first.

/** Console errors that mention NaN (an SVG path or attribute computed from a half-typed value). */
function nanErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /NaN/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/** Clears the field and types `text` key by key with no delay, the way a fast typist does. */
async function typeFast(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill('');
  await field.pressSequentially(text);
}

async function expectProblem(page: Page, testId: string, message: string): Promise<void> {
  const field = page.getByTestId(testId);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
  // The description is a visible element next to the field, not a tooltip.
  const id = await field.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${id}"]`)).toBeVisible();
  await expect(page.locator(`[id="${id}"]`)).toHaveText(message);
  await expect(page.getByTestId('startTraining')).toBeDisabled();
  await expect(page.getByTestId('queueRun')).toBeDisabled();
}

async function expectFine(page: Page, testId: string): Promise<void> {
  const field = page.getByTestId(testId);
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(field).not.toHaveAttribute('aria-describedby');
}

/** The three ways a user replaces a field's text, each typed key by key with no delay. */
const REPLACE: Record<string, (page: Page, testId: string, text: string) => Promise<void>> = {
  'clear, then type': typeFast,
  'select all, type over': async (page, testId, text) => {
    await page.getByTestId(testId).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text);
  },
  'backspace, then type': async (page, testId, text) => {
    await page.getByTestId(testId).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(text);
  },
};

test('typing a number fast keeps exactly what was typed, and only a number typed in full reaches the store', async ({ app: page }) => {
  const nan = nanErrors(page);
  await openApp(page, '?backend=wasm');
  const rate = 'hyper-learningRate';

  // A number field used to show "4" for a fast-typed 1e-4, "-3" for 3e-3 and "2" for 1e2 (and train on it).
  for (const text of ['1e-4', '3e-3', '1e2']) {
    for (const [how, replace] of Object.entries(REPLACE)) {
      await replace(page, rate, text);
      await expect(page.getByTestId(rate), `${text}: ${how}`).toHaveValue(text);
      if (text === '1e2') {
        // 1e2 = 100 is a number, but above the largest learning rate: shown as typed, and refused.
        await expectProblem(page, rate, 'the learning rate must be at most 10');
      } else {
        await expectFine(page, rate);
        await expect(page.getByTestId('startTraining')).toBeEnabled();
      }
    }
  }

  // Half-typed: not a number yet, so the store holds "not a number" and Train waits.
  await typeFast(page, rate, '1e');
  await expect(page.getByTestId(rate)).toHaveValue('1e');
  await expectProblem(page, rate, 'enter a number');
  await page.getByTestId(rate).pressSequentially('-4');
  await expect(page.getByTestId(rate)).toHaveValue('1e-4');
  await expect(page.getByTestId('startTraining')).toBeEnabled();

  // The store got 1e-4 itself (not 4, not -4): a queued run is named and described by it.
  await page.getByTestId('queueRun').click();
  await expect(page.getByTestId('run-name')).toHaveValue('Adam η=0.0001');
  await expect(page.getByTestId('run-row').locator('td.settings')).toContainText('learning rate 0.0001');

  await typeFast(page, rate, 'abc');
  await expect(page.getByTestId(rate)).toHaveValue('abc');
  await expectProblem(page, rate, 'enter a number');
  await typeFast(page, rate, '0.003');
  await expect(page.getByTestId('startTraining')).toBeEnabled();

  // A text field still steps with the arrow keys, as a number input did.
  await page.getByTestId('epochs').press('ArrowUp');
  await expect(page.getByTestId('epochs')).toHaveValue('3');
  await page.getByTestId(rate).press('ArrowDown');
  await expect(page.getByTestId(rate)).toHaveValue('0.0025');
  expect(nan).toEqual([]);
});

test('a layer field points to the problem said under its layer', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  const row = page.getByTestId('layer-row').nth(2);
  await row.getByTestId('field-kernelSize').fill('30');
  const issue = 'layer 3 conv2d: 30×30 kernel does not fit a 14×14 input — use a smaller kernel or padding "same"';
  await expect(row.getByTestId('layer-issue')).toHaveText(issue);
  await expect(row.getByTestId('field-kernelSize')).toHaveAttribute('aria-invalid', 'true');
  await expect(row.getByTestId('field-kernelSize')).toHaveAccessibleDescription(issue);
  await expect(page.getByTestId('startTraining')).toBeDisabled();
  await page.getByTestId('layer-table').screenshot({ path: `${SHOTS}/fields-layer-error.png` });
  await row.getByTestId('field-kernelSize').fill('5');
  await expect(row.getByTestId('field-kernelSize')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('startTraining')).toBeEnabled();
});

test('a subset the dataset cannot fill keeps Train disabled, and says why next to the field', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await typeFast(page, 'subset-test', '20000');
  await expectProblem(page, 'subset-test', 'the test subset must be a whole number from 1 to 10,000');
  await typeFast(page, 'subset-validation', '55000');
  await expectProblem(page, 'subset-validation', 'the training and validation subsets together exceed the 60,000 training images');
  await page.getByTestId('dataset-panel').screenshot({ path: `${SHOTS}/fields-subset-error.png` });
  await typeFast(page, 'subset-validation', '1000');
  await expectFine(page, 'subset-validation');
  await expect(page.getByTestId('startTraining')).toBeDisabled(); // the test subset is still too large
  await typeFast(page, 'subset-test', '2000');
  await expectFine(page, 'subset-test');
  await expect(page.getByTestId('startTraining')).toBeEnabled();
});

// [field, what to type, what the field then says, a good value to put back]
const ADAM_CASES: [string, string, string, string][] = [
  ['hyper-learningRate', '0', 'the learning rate must be greater than 0', '0.003'],
  ['hyper-beta1', '1', 'β₁ must be less than 1', '0.9'],
  ['hyper-beta2', '-0.5', 'β₂ must be at least 0', '0.999'],
  ['hyper-epsilon', '0', 'ε must be greater than 0', '1e-7'],
  ['batch-size', '0', 'the batch size must be a whole number from 1 to 4,096', '32'],
  ['batch-size', '', 'enter a number', '32'],
  ['batch-size', '2.5', 'the batch size must be a whole number from 1 to 4,096', '32'],
  ['epochs', '501', 'the number of epochs must be a whole number from 1 to 500', '2'],
  ['seed', '-1', 'the seed must be a whole number from 0 to 2,147,483,647', '42'],
  ['schedule-floor', '2', 'the final fraction must be at most 1', '0'],
  ['schedule-warmupEpochs', '-1', 'the number of warm-up epochs must be at least 0', '0'],
  ['reg-l1', '2', 'the L1 weight decay must be at most 1', '0'],
  ['reg-l2', '-1', 'the L2 weight decay must be at least 0', '0'],
  ['reg-patience', '1.5', 'the early-stopping patience must be a whole number from 0 to 100', '0'],
];

test('every training field says its own problem, in English and in Chinese', async ({ app: page }) => {
  const nan = nanErrors(page);
  await openApp(page, '?backend=wasm');
  for (const [testId, bad, message, good] of ADAM_CASES) {
    await typeFast(page, testId, bad);
    await expectProblem(page, testId, message);
    if (testId === 'batch-size' && bad === '') await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/fields-batch-empty.png` });
    await typeFast(page, testId, good);
    await expectFine(page, testId);
    await expect(page.getByTestId('startTraining')).toBeEnabled();
  }

  // Fields of other optimizers and schedules, and the rule that links two fields.
  await page.getByTestId('optimizer-select').selectOption('momentum');
  await typeFast(page, 'hyper-momentum', '1');
  await expectProblem(page, 'hyper-momentum', 'the momentum must be less than 1');
  await typeFast(page, 'hyper-momentum', '0.9');
  await page.getByTestId('schedule-select').selectOption('step');
  await typeFast(page, 'schedule-everyEpochs', '0');
  await expectProblem(page, 'schedule-everyEpochs', 'the step interval in epochs must be at least 0.01');
  await typeFast(page, 'schedule-everyEpochs', '1');
  await typeFast(page, 'schedule-factor', '0');
  await expectProblem(page, 'schedule-factor', 'the factor must be greater than 0');
  await typeFast(page, 'schedule-factor', '0.5');
  // Rprop sets its own steps, so the schedule fields go away: a problem left in one is still said.
  await typeFast(page, 'schedule-factor', '2');
  await page.getByTestId('optimizer-select').selectOption('rprop');
  await expect(page.getByTestId('settings-problem')).toHaveText('the factor must be at most 1');
  await expect(page.getByTestId('startTraining')).toBeDisabled();
  await page.getByTestId('optimizer-select').selectOption('momentum');
  await typeFast(page, 'schedule-factor', '0.5');
  await page.getByTestId('optimizer-select').selectOption('rprop');
  await expect(page.getByTestId('settings-problem')).toHaveCount(0);
  await expect(page.getByTestId('startTraining')).toBeEnabled();
  await typeFast(page, 'hyper-initialStep', '1e-9');
  await expectProblem(page, 'hyper-initialStep', 'the initial step Δ₀ must be at least the minimum step Δmin');
  await typeFast(page, 'hyper-initialStep', '0.01');
  await typeFast(page, 'subset-validation', '0');
  await typeFast(page, 'reg-patience', '2');
  await expectProblem(page, 'reg-patience', 'early stopping watches the validation loss: give the validation subset at least 1 image, or set the patience to 0');

  // Two problems at once: each field keeps its own message.
  await page.getByTestId('optimizer-select').selectOption('adam');
  await typeFast(page, 'hyper-learningRate', '-1');
  await typeFast(page, 'batch-size', '');
  await expectProblem(page, 'hyper-learningRate', 'the learning rate must be greater than 0');
  await expectProblem(page, 'batch-size', 'enter a number');
  await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/fields-training-errors.png` });

  await page.getByTestId('language').selectOption('zh');
  await expectProblem(page, 'hyper-learningRate', '学习率必须大于 0');
  await expectProblem(page, 'batch-size', '请输入一个数');
  await expectProblem(page, 'reg-patience', '早停依据验证损失：请让验证子集至少有 1 张图像，或把耐心设为 0');
  await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/fields-training-errors-zh.png` });
  await typeFast(page, 'subset-test', '20000');
  await expectProblem(page, 'subset-test', '测试子集必须是 1 到 10,000 之间的整数');
  await page.getByTestId('dataset-panel').screenshot({ path: `${SHOTS}/fields-subset-error-zh.png` });
  expect(nan).toEqual([]);
});
