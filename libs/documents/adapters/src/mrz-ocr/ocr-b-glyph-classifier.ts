import { resolve } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { GreyImage } from './grey-image';

/** The public-domain OCR-B face shipped with the repository: every MRZ is printed in it (ICAO 9303). */
export const DEFAULT_OCR_B_FONT_PATH = resolve(__dirname, '../../../../../data/fonts/ocr-b/OCRB.otf');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
const FAMILY = 'OCR-B reference';
const RENDER_SIZE = 120;
/** OCR-B advances 0.723 em per character. */
const ADVANCE_EM = 0.723;
const GRID_W = 10;
const GRID_H = 14;
/** Weights of the size features against the shape correlation (0..2): OCR-B digits stand taller than capitals. */
const HEIGHT_WEIGHT = 3;
const WIDTH_WEIGHT = 1;

export interface GlyphBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface GlyphScore {
  readonly char: string;
  /** Distance to the reference glyph: lower is closer. */
  readonly distance: number;
}

interface Template {
  readonly char: string;
  readonly shape: Float32Array;
  /** Ink size in advances (character pitches). */
  readonly width: number;
  readonly height: number;
}

/** Area-average of `ink` (row-major, `stride` wide) over the box, onto a GRID_W x GRID_H grid, zero mean, unit norm. */
function shapeVector(ink: Float32Array, stride: number, box: GlyphBox): Float32Array {
  const out = new Float32Array(GRID_W * GRID_H);
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  for (let gy = 0; gy < GRID_H; gy++) {
    const ya = box.y0 + (gy * h) / GRID_H;
    const yb = box.y0 + ((gy + 1) * h) / GRID_H;
    for (let gx = 0; gx < GRID_W; gx++) {
      const xa = box.x0 + (gx * w) / GRID_W;
      const xb = box.x0 + ((gx + 1) * w) / GRID_W;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const fy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const f = fy * (Math.min(xb, x + 1) - Math.max(xa, x));
          sum += f * ink[y * stride + x];
          area += f;
        }
      }
      out[gy * GRID_W + gx] = area > 0 ? sum / area : 0;
    }
  }
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] -= mean;
    norm += out[i] * out[i];
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

/** Tight box of the pixels with ink above half. */
function inkBox(ink: Float32Array, stride: number, area: GlyphBox): GlyphBox | undefined {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = -1;
  let y1 = -1;
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      if (ink[y * stride + x] > 0.5) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  return x1 < 0 ? undefined : { x0, y0, x1, y1 };
}

/**
 * A second opinion on each character tesseract recognised: its ink compared with the OCR-B reference glyphs,
 * shape and size. Tesseract's generic English model mixes up pairs that OCR-B keeps apart (S/5, O/0 differ in
 * height and outline), and the reference face settles them.
 */
export class OcrBGlyphClassifier {
  private constructor(private readonly templates: readonly Template[]) {}

  static create(fontPath: string = DEFAULT_OCR_B_FONT_PATH): OcrBGlyphClassifier {
    if (!GlobalFonts.has(FAMILY) && !GlobalFonts.registerFromPath(fontPath, FAMILY)) {
      throw new Error(`OCR-B font not loadable from ${fontPath}`);
    }
    const size = RENDER_SIZE * 2;
    const advance = RENDER_SIZE * ADVANCE_EM;
    const templates = [...ALPHABET].map((char) => {
      const canvas = createCanvas(size, size);
      const ctx = canvas.getContext('2d');
      ctx.font = `${RENDER_SIZE}px "${FAMILY}"`;
      ctx.fillStyle = '#000';
      ctx.fillText(char, RENDER_SIZE / 2, RENDER_SIZE * 1.5);
      const rgba = ctx.getImageData(0, 0, size, size).data;
      const ink = new Float32Array(size * size);
      for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4 + 3] / 255;
      const box = inkBox(ink, size, { x0: 0, y0: 0, x1: size, y1: size }) as GlyphBox;
      return {
        char,
        shape: shapeVector(ink, size, box),
        width: (box.x1 - box.x0) / advance,
        height: (box.y1 - box.y0) / advance,
      };
    });
    return new OcrBGlyphClassifier(templates);
  }

  /**
   * Reference characters ranked by closeness to the glyph in `box` of `image` (dark ink on light paper),
   * `pitch` being the line's character advance in pixels. Empty when the box holds no ink.
   */
  classify(image: GreyImage, box: GlyphBox, pitch: number): GlyphScore[] {
    const margin = 2;
    const area = {
      x0: Math.max(0, Math.floor(box.x0) - margin),
      y0: Math.max(0, Math.floor(box.y0) - margin),
      x1: Math.min(image.width, Math.ceil(box.x1) + margin),
      y1: Math.min(image.height, Math.ceil(box.y1) + margin),
    };
    if (area.x1 - area.x0 < 2 || area.y1 - area.y0 < 2) return [];
    // Paper and ink levels from the neighbourhood, so grey and binarised crops read alike.
    const values: number[] = [];
    for (let y = area.y0; y < area.y1; y++)
      for (let x = area.x0; x < area.x1; x++) values.push(image.data[y * image.width + x]);
    values.sort((a, b) => a - b);
    const dark = values[Math.floor(values.length * 0.05)];
    const light = values[Math.floor(values.length * 0.95)];
    if (light - dark < 30) return [];
    const stride = area.x1 - area.x0;
    const ink = new Float32Array(stride * (area.y1 - area.y0));
    for (let y = area.y0; y < area.y1; y++) {
      for (let x = area.x0; x < area.x1; x++) {
        const value = image.data[y * image.width + x];
        ink[(y - area.y0) * stride + x - area.x0] = Math.min(
          1,
          Math.max(0, (light - value) / (light - dark)),
        );
      }
    }
    const glyph = inkBox(ink, stride, { x0: 0, y0: 0, x1: stride, y1: area.y1 - area.y0 });
    if (!glyph) return [];
    const shape = shapeVector(ink, stride, glyph);
    const width = (glyph.x1 - glyph.x0) / pitch;
    const height = (glyph.y1 - glyph.y0) / pitch;
    return this.templates
      .map((template) => {
        let correlation = 0;
        for (let i = 0; i < shape.length; i++) correlation += shape[i] * template.shape[i];
        const distance =
          1 -
          correlation +
          HEIGHT_WEIGHT * Math.abs(height - template.height) +
          WIDTH_WEIGHT * Math.abs(width - template.width);
        return { char: template.char, distance };
      })
      .sort((a, b) => a.distance - b.distance);
  }
}
