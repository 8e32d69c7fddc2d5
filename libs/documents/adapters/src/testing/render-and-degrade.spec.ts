import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEGRADATION_KINDS, degradeImage } from './degrade-image';
import { mrzFixtures } from './mrz-fixtures';
import { MRZ_SPECIMENS } from './mrz-specimens';
import { renderMrzDocument } from './render-mrz-document';

const [td1, td2, td3] = MRZ_SPECIMENS;

describe('renderMrzDocument', () => {
  it('renders each format at its ICAO size at 300 dpi', async () => {
    const sizes = await Promise.all(
      [td1, td2, td3].map(async (d) => sharp(await renderMrzDocument(d)).metadata()),
    );
    expect(sizes.map(({ format, width, height }) => [format, width, height])).toEqual([
      ['png', 1011, 638],
      ['png', 1240, 874],
      ['png', 1476, 1039],
    ]);
  });

  it('is deterministic, and draws the given photo', async () => {
    const first = await renderMrzDocument(td3, { seed: 4 });
    expect((await renderMrzDocument(td3, { seed: 4 })).equals(first)).toBe(true);
    const photo = await sharp({ create: { width: 60, height: 80, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const withPhoto = await renderMrzDocument(td3, { seed: 4, photo });
    const { data } = await sharp(withPhoto)
      .extract({ left: 150, top: 400, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0xc0, 0x39, 0x2b]);
  });
});

describe('degradeImage', () => {
  it('applies every kind deterministically, as decodable images', async () => {
    const clean = await renderMrzDocument(td1, { dpi: 150 });
    for (const kind of DEGRADATION_KINDS) {
      const degraded = await degradeImage(clean, kind, 9);
      expect(degraded.kind).toBe(kind);
      expect((await degradeImage(clean, kind, 9)).image.equals(degraded.image)).toBe(true);
      expect(degraded.image.equals(clean)).toBe(false);
      const meta = await sharp(degraded.image).metadata();
      expect(meta.format).toBe(kind === 'jpeg' || kind === 'photographed' ? 'jpeg' : 'png');
    }
  });

  it('keeps rotations within 3 degrees and JPEG quality within 30-60', async () => {
    const clean = await renderMrzDocument(td1, { dpi: 100 });
    for (let seed = 0; seed < 20; seed++) {
      const angle = Number(
        /rotation (-?[\d.]+)/.exec((await degradeImage(clean, 'rotation', seed)).description)?.[1],
      );
      expect(Math.abs(angle)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(angle)).toBeLessThanOrEqual(3);
      const quality = Number(
        /quality (\d+)/.exec((await degradeImage(clean, 'jpeg', seed)).description)?.[1],
      );
      expect(quality).toBeGreaterThanOrEqual(30);
      expect(quality).toBeLessThanOrEqual(60);
    }
  });
});

describe('mrzFixtures', () => {
  it('starts with the specimens, then alternates generated TD1 and TD3 documents', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const ids: string[] = [];
    for await (const fixture of mrzFixtures({ count: 7, seed: 5, now, dpi: 100 }))
      ids.push(fixture.document.id);
    expect(ids).toEqual([...MRZ_SPECIMENS.map((s) => s.id), 'synthetic-5-0-td1', 'synthetic-5-1-td3']);
  });
});
