import { expect, openApp, SHOTS, test } from './fixtures';

// Issue 14 §3: the page works on a 390 px phone with no sideways scrolling, and at 1280×720 the Train
// button and the charts are visible together.

test('a 390 px phone gets no sideways scrolling', async ({ app: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, '?backend=wasm');
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.offsetParent !== null);
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 8).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`) };
  });
  console.log(`phone: page ${overflow.scrollWidth} px wide; wider elements: ${overflow.wide.join(', ') || 'none'}`);
  await page.screenshot({ path: `${SHOTS}/phone-en.png`, fullPage: false });
  expect(overflow.scrollWidth).toBeLessThanOrEqual(390);
});

test('at 1280×720 the Train button and both charts are on screen together', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '?backend=wasm');
  for (const id of ['startTraining', 'loss-chart', 'accuracy-chart']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.y, id).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, id).toBeLessThanOrEqual(720);
  }
  await page.screenshot({ path: `${SHOTS}/laptop-1280-en.png` });
});
