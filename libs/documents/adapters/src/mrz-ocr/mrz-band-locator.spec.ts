import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MRZ_SPECIMENS, renderMrzDocument } from '../testing';
import { decodeGrey, rotateGrey } from './grey-image';
import { estimateSkew, locateMrzBand } from './mrz-band-locator';

const [td1, , td3] = MRZ_SPECIMENS;

describe('estimateSkew', () => {
  it('measures the slope of the text lines within a fraction of a degree', async () => {
    const grey = await decodeGrey(await renderMrzDocument(td3, { dpi: 150 }));
    expect(Math.abs(estimateSkew(grey))).toBeLessThanOrEqual(0.1);
    for (const angle of [-2.6, 1.3, 3]) {
      expect(estimateSkew(await rotateGrey(grey, angle))).toBeCloseTo(angle, 0);
    }
  });
});

describe('locateMrzBand', () => {
  it('finds the two passport lines at the bottom of the data page', async () => {
    const grey = await decodeGrey(await renderMrzDocument(td3, { dpi: 150 }));
    const band = locateMrzBand(grey);
    expect(band).toBeDefined();
    expect(band?.lineCount).toBe(2);
    expect(band!.top).toBeGreaterThan(grey.height * 0.75);
    expect(band!.width).toBeGreaterThan(grey.width * 0.85);
  });

  it('finds the three lines of an identity card', async () => {
    const grey = await decodeGrey(await renderMrzDocument(td1, { dpi: 150 }));
    const band = locateMrzBand(grey);
    expect(band?.lineCount).toBe(3);
    expect(band!.top).toBeGreaterThan(grey.height * 0.6);
  });

  it('finds nothing on a page without a zone', async () => {
    const page = await sharp({ create: { width: 800, height: 560, channels: 3, background: '#f4f1ea' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="560"><text x="40" y="80" font-size="40">INVOICE 2025</text><rect x="40" y="200" width="300" height="200" fill="#777"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    expect(locateMrzBand(await decodeGrey(page))).toBeUndefined();
  });
});
