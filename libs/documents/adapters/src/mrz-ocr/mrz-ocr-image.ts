import { darkMask, type GreyImage, rawGrey, toGrey } from './grey-image';
import type { MrzBand } from './mrz-band-locator';

/** How the cropped zone is handed to the OCR engine. */
export interface OcrImageStyle {
  /** Height the zone's characters are scaled to, in pixels. */
  readonly lineHeight: number;
  /** Black on white by local threshold, or contrast-stretched grey. */
  readonly binarise: boolean;
}

const PADDING = 24;

export interface OcrImage {
  /** What the engine reads: binarised or grey, as the style says. */
  readonly png: Buffer;
  /** The grey crop in the same geometry: a second look at single characters needs the ink's full shading. */
  readonly grey: GreyImage;
}

/** Crops the band and scales its characters to the style's height, on a white margin. */
export async function ocrImage(upright: GreyImage, band: MrzBand, style: OcrImageStyle): Promise<OcrImage> {
  const scale = style.lineHeight / band.lineHeight;
  const crop = await toGrey(
    rawGrey(upright)
      .extract({ left: band.left, top: band.top, width: band.width, height: band.height })
      .resize({ width: Math.max(1, Math.round(band.width * scale)), kernel: 'lanczos3' })
      .normalise(),
  );
  const pad = (image: GreyImage): Promise<GreyImage> =>
    toGrey(
      rawGrey(image).extend({
        top: PADDING,
        bottom: PADDING,
        left: PADDING,
        right: PADDING,
        background: { r: 255, g: 255, b: 255 },
      }),
    );
  const grey = await pad(crop);
  if (!style.binarise) return { png: await rawGrey(grey).png().toBuffer(), grey };
  const mask = darkMask(crop, Math.round(style.lineHeight * 2.5), 0.82);
  const binary = await pad({
    data: mask.map((dark) => (dark ? 0 : 255)),
    width: crop.width,
    height: crop.height,
  });
  return { png: await rawGrey(binary).png().toBuffer(), grey };
}
