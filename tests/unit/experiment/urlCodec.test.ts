import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeHash, encodeHash, HASH_KEY, shareUrl } from '../../../src/experiment/urlCodec';
import { defaultExperiment } from '../../../src/experiment/spec';
import { edited, said } from './helpers';

describe('the experiment in a link', () => {
  it('comes back from the fragment exactly, less what a link does not carry', () => {
    const e = edited();
    const url = shareUrl('http://localhost:5173/?backend=wasm', e);
    expect(url.startsWith('http://localhost:5173/?backend=wasm#experiment=')).toBe(true);
    const back = decodeHash(new URL(url).hash)!;
    expect(back.problems).toEqual([]);
    // The selected layer is this user's own view (shared: false in the table).
    expect(back.experiment).toEqual({ ...e, views: { ...e.views, selectedLayer: null } });
    expect(back.source).toBe('link');
  });

  it('is short enough for a QR code', () => {
    // QR version 40 at low error correction holds 2,953 bytes; keep well inside it (with the augmentation
    // settings, ~1,100 characters: about version 22, which a phone still reads off a projector).
    expect(encodeHash(defaultExperiment()).length).toBeLessThan(1200);
    expect(encodeHash(edited()).length).toBeLessThan(1200);
  });

  it('survives "+" read back as a space by URLSearchParams', () => {
    const hash = encodeHash(edited());
    const back = decodeHash(`#${hash.replace(/\+/g, ' ')}`)!;
    expect(back.problems).toEqual([]);
    expect(back.experiment.training).toEqual(edited().training);
  });

  it('says a damaged link is damaged and gives the default experiment', async () => {
    const hash = encodeHash(edited());
    const data = hash.slice(HASH_KEY.length + 1);
    const damaged = [
      `${HASH_KEY}=${data.slice(0, Math.floor(data.length / 2))}`, // cut short
      `${HASH_KEY}=${data.slice(0, 40)}${data[40] === 'A' ? 'B' : 'A'}${data.slice(41)}`, // one character changed
      `${HASH_KEY}=`,
      `${HASH_KEY}=not-a-link`,
      `${HASH_KEY}=${LZString.compressToEncodedURIComponent('[1, 2')}`,
    ];
    for (const h of damaged) {
      const back = decodeHash(`#${h}`)!;
      expect(back.experiment, h).toEqual(defaultExperiment());
      expect(await said(back), h).toEqual(['the link is damaged (cut short or changed while copying?), so nothing could be read from it']);
    }
  });

  it('reads a hand-made link that is JSON but not a good experiment through the same gate', async () => {
    const h = `${HASH_KEY}=${LZString.compressToEncodedURIComponent(JSON.stringify({ version: 1, training: { epochs: 0 } }))}`;
    const back = decodeHash(h)!;
    expect(await said(back)).toEqual(['the number of epochs must be a whole number from 1 to 500 — 2 is used']);
  });

  it('is not there when the fragment names no experiment', () => {
    expect(decodeHash('')).toBeNull();
    expect(decodeHash('#section-2')).toBeNull();
  });
});
