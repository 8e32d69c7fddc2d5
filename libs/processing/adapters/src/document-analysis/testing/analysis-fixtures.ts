/**
 * Uploads for the document analysis specs, made at test time: synthetic passports and identity cards from the
 * documents library's renderer, portraits cut from the demo photos shipped inside face-api (read from
 * node_modules, never copied), and the broken or unusual files a session may carry.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadImage, PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { FaceEngine } from '@kyc/documents-adapters';
import type { MrzDocument } from '@kyc/documents-testing';
import { renderMrzDocument } from '@kyc/documents-testing';

export function demoPhoto(sample: number): Buffer {
  const demo = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
  return readFileSync(join(demo, `sample${sample}.jpg`));
}

/** Every face of a demo photo, each cut out with room around it as a selfie frames a face. */
export async function portraitsOf(engine: FaceEngine, photo: Buffer): Promise<Buffer[]> {
  const description = await engine.describe(photo);
  const resized = await sharp(photo)
    .resize({ width: description.width, height: description.height })
    .toBuffer();
  return Promise.all(
    description.faces.map(({ box }) => {
      const pad = 0.7 * Math.max(box.width, box.height);
      const left = Math.max(0, Math.round(box.x - pad));
      const top = Math.max(0, Math.round(box.y - pad));
      const width = Math.min(description.width, Math.round(box.x + box.width + pad)) - left;
      const height = Math.min(description.height, Math.round(box.y + box.height + pad)) - top;
      return sharp(resized).extract({ left, top, width, height }).jpeg({ quality: 90 }).toBuffer();
    }),
  );
}

/** A portrait as a document prints it: smaller, paler, JPEG-compressed. */
export function printedPortrait(portrait: Buffer): Promise<Buffer> {
  return sharp(portrait)
    .resize({ height: 220 })
    .modulate({ saturation: 0.6, brightness: 1.05 })
    .jpeg({ quality: 60 })
    .toBuffer();
}

export function renderDocument(document: MrzDocument, photo?: Buffer): Promise<Buffer> {
  return renderMrzDocument(document, { photo, seed: 7 });
}

/** The card without its machine-readable zone, as a driving licence or a card's front side looks. */
export async function withoutZone(card: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(card).metadata();
  return sharp(card)
    .extract({ left: 0, top: 0, width, height: Math.round(height * 0.6) })
    .png()
    .toBuffer();
}

/** The first half of the file's bytes: an upload cut short. */
export function truncated(file: Buffer): Buffer {
  return file.subarray(0, file.length >> 1);
}

/** A corner of a demo photo that shows no one. */
export function pictureWithoutFace(): Promise<Buffer> {
  return sharp(demoPhoto(1)).extract({ left: 0, top: 880, width: 520, height: 400 }).jpeg().toBuffer();
}

/** A PDF whose first page shows the image at `widthMm` x `heightMm`, followed by `blankPages` empty pages. */
export async function pdfOfImage(
  image: Buffer,
  size: { widthMm: number; heightMm: number },
  blankPages = 0,
): Promise<Buffer> {
  const points = (mm: number) => (mm / 25.4) * 72;
  const width = points(size.widthMm);
  const height = points(size.heightMm);
  const pdf = new PDFDocument({ title: 'Identity document' });
  // A page draws with the same context a canvas has; the typings leave its drawImage out.
  const page = pdf.beginPage(width, height) as SKRSContext2D;
  page.drawImage(await loadImage(image), 0, 0, width, height);
  pdf.endPage();
  for (let i = 0; i < blankPages; i++) {
    pdf.beginPage(width, height);
    pdf.endPage();
  }
  return pdf.close();
}
