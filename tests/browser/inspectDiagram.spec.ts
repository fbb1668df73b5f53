import { expect, openApp, SHOTS, test } from './fixtures';

// The network diagram under the model builder: it follows every edit and its blocks work from the keyboard.
test('network diagram: one block per layer plus the input, following the builder, selectable with the keyboard', async ({ app: page }) => {
  await openApp(page);
  const diagram = page.getByTestId('network-diagram');
  const blocks = diagram.getByTestId('diagram-block');
  await expect(blocks).toHaveCount(9);
  await expect(blocks.nth(0)).toHaveAttribute('data-shape', '28×28×1');
  await expect(blocks.nth(1)).toHaveAttribute('data-shape', '28×28×6');
  await expect(blocks.nth(8)).toHaveAttribute('data-shape', '10');

  await page.getByTestId('layer-row').nth(0).getByTestId('field-filters').fill('12');
  await expect(blocks.nth(1)).toHaveAttribute('data-shape', '28×28×12');
  await expect(blocks.nth(1)).toHaveAttribute('data-params', '312');
  await page.getByTestId('add-dropout').click();
  await expect(blocks).toHaveCount(10);

  await blocks.nth(3).focus();
  await page.keyboard.press('Enter');
  await expect(blocks.nth(3)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(blocks.nth(3)).toHaveAttribute('aria-pressed', 'false');
  await diagram.screenshot({ path: `${SHOTS}/network-diagram.png` });
});
