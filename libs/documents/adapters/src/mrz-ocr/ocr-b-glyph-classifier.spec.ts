import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { OCR_B_FONT_PATH } from '../testing';
import { DEFAULT_OCR_B_FONT_PATH, OcrBGlyphClassifier } from './ocr-b-glyph-classifier';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

describe('OcrBGlyphClassifier', () => {
  const classifier = OcrBGlyphClassifier.create();

  it('uses the font shipped with the repository', () => {
    expect(DEFAULT_OCR_B_FONT_PATH).toBe(OCR_B_FONT_PATH);
  });

  it('names every MRZ character printed in OCR-B, small and blurred, telling O from 0 and S from 5', () => {
    const size = 26;
    const pitch = size * 0.723;
    const canvas = createCanvas(Math.ceil(pitch * ALPHABET.length + 20), 60);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.filter = 'blur(0.8px)';
    ctx.fillStyle = '#222';
    ctx.font = `${size}px "OCR-B reference"`;
    [...ALPHABET].forEach((char, i) => ctx.fillText(char, 10 + i * pitch, 42));
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const data = new Uint8Array(canvas.width * canvas.height).map((_, i) => rgba[i * 4]);
    const image = { data, width: canvas.width, height: canvas.height };
    // Tight boxes around each glyph, as tesseract reports them.
    const read = [...ALPHABET].map((char, i) => {
      const m = ctx.measureText(char);
      const x = 10 + i * pitch;
      const box = {
        x0: x - m.actualBoundingBoxLeft,
        y0: 42 - m.actualBoundingBoxAscent,
        x1: x + m.actualBoundingBoxRight,
        y1: 42 + m.actualBoundingBoxDescent,
      };
      return classifier.classify(image, box, pitch)[0]?.char;
    });
    expect(read.join('')).toBe(ALPHABET);
  });

  it('returns nothing for a box without ink', () => {
    const image = { data: new Uint8Array(40 * 40).fill(250), width: 40, height: 40 };
    expect(classifier.classify(image, { x0: 5, y0: 5, x1: 25, y1: 35 }, 20)).toEqual([]);
  });
});
