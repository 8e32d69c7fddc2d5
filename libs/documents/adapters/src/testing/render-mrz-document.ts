import { resolve } from 'node:path';
import { type Image, createCanvas, GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { states } from 'mrz';
import type { MrzDocument, MrzDocumentData } from './mrz-document';
import { SeededRandom } from './seeded-random';

/** The public-domain OCR-B face shipped with the repository (fonts-ocr-b). */
export const OCR_B_FONT_PATH = resolve(__dirname, '../../../../../data/fonts/ocr-b/OCRB.otf');
const MRZ_FAMILY = 'OCR-B MRZ';
const TEXT_FAMILY = `"DejaVu Sans", "Liberation Sans", "${MRZ_FAMILY}"`;

/** ICAO 9303 document sizes in millimetres: ID-1 card (TD1), ID-2 (TD2), passport data page (TD3). */
const PAGE_MM = {
  TD1: { width: 85.6, height: 54 },
  TD2: { width: 105, height: 74 },
  TD3: { width: 125, height: 88 },
};
/** MRZ characters sit at 10 per inch; OCR-B capitals are about 2.35 mm tall (0.70 em). */
const MRZ_PITCH_MM = 2.54;
const MRZ_FONT_MM = 3.36;
const MRZ_LINE_PITCH_MM = 4.4;
const MRZ_BOTTOM_MM = 3.2;

export interface RenderMrzDocumentOptions {
  /** Default 300. */
  readonly dpi?: number;
  /** Portrait for the photo box (any format the canvas decodes); a drawn silhouette otherwise. */
  readonly photo?: Buffer;
  /** Varies the background pattern and tint. */
  readonly seed?: number;
}

let fontRegistered = false;

function registerMrzFont(): void {
  if (fontRegistered) return;
  if (!GlobalFonts.registerFromPath(OCR_B_FONT_PATH, MRZ_FAMILY))
    throw new Error(`OCR-B font not loadable from ${OCR_B_FONT_PATH}`);
  fontRegistered = true;
}

function displayDate(iso: string): string {
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  return `${iso.slice(8, 10)} ${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

function countryName(code: string): string {
  if (code === 'UTO') return 'UTOPIA';
  return ((states as Record<string, string>)[code] ?? code).toUpperCase();
}

/** Security-print look: a tinted ground with fine sine guilloches, kept pale as on real documents. */
function drawBackground(ctx: SKRSContext2D, width: number, height: number, random: SeededRandom): void {
  const hue = random.int(0, 359);
  const ground = ctx.createLinearGradient(0, 0, width, height);
  ground.addColorStop(0, `hsl(${hue}, 35%, 94%)`);
  ground.addColorStop(1, `hsl(${(hue + 40) % 360}, 30%, 90%)`);
  ctx.fillStyle = ground;
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = `hsla(${hue}, 40%, 60%, 0.25)`;
  ctx.lineWidth = Math.max(1, width / 900);
  for (let k = 0; k < 14; k++) {
    const amplitude = height * random.between(0.03, 0.08);
    const period = width * random.between(0.15, 0.4);
    const phase = random.between(0, Math.PI * 2);
    const base = (height * k) / 14;
    ctx.beginPath();
    for (let x = 0; x <= width; x += 4)
      ctx.lineTo(x, base + amplitude * Math.sin((x / period) * Math.PI * 2 + phase));
    ctx.stroke();
  }
}

function drawSilhouette(ctx: SKRSContext2D, x: number, y: number, w: number, h: number): void {
  ctx.fillStyle = '#d9dde3';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = '#8a929c';
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 0.38, w * 0.22, h * 0.2, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 1.02, w * 0.45, h * 0.38, 0, Math.PI, Math.PI * 2);
  ctx.fill();
}

function drawPhoto(ctx: SKRSContext2D, photo: Image, x: number, y: number, w: number, h: number): void {
  const scale = Math.max(w / photo.width, h / photo.height);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(photo, (photo.width - sw) / 2, (photo.height - sh) / 2, sw, sh, x, y, w, h);
}

function visualFields(data: MrzDocumentData): [string, string][] {
  return [
    ['Surname', data.surname],
    ['Given names', data.givenNames],
    ['Nationality', countryName(data.nationality)],
    ['Date of birth', displayDate(data.dateOfBirth)],
    ['Sex', data.sex],
    ['Document no.', data.documentNumber],
    ['Date of expiry', displayDate(data.expiryDate)],
  ];
}

/**
 * Renders a synthetic identity card (TD1, TD2) or passport data page (TD3) at its real size and the given
 * resolution: title, photo, printed fields and the machine-readable zone in OCR-B at ICAO's 10 characters per
 * inch. Returns a PNG.
 */
export async function renderMrzDocument(
  document: MrzDocument,
  options: RenderMrzDocumentOptions = {},
): Promise<Buffer> {
  registerMrzFont();
  const { format } = document.data;
  const px = (options.dpi ?? 300) / 25.4;
  const width = Math.round(PAGE_MM[format].width * px);
  const height = Math.round(PAGE_MM[format].height * px);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const random = new SeededRandom(options.seed ?? 1);
  drawBackground(ctx, width, height, random);

  const margin = 4 * px;
  const title = format === 'TD3' ? 'PASSPORT' : 'IDENTITY CARD';
  ctx.fillStyle = '#1d2b53';
  ctx.font = `bold ${(3.2 * px).toFixed(1)}px ${TEXT_FAMILY}`;
  ctx.fillText(countryName(document.data.issuingCountry), margin, margin + 3 * px);
  ctx.font = `${(2.4 * px).toFixed(1)}px ${TEXT_FAMILY}`;
  ctx.fillText(title, margin, margin + 6.5 * px);

  const mrzTop =
    height - (MRZ_BOTTOM_MM + MRZ_LINE_PITCH_MM * (document.lines.length - 1) + MRZ_FONT_MM) * px;
  const photoTop = margin + 9 * px;
  const photoHeight = Math.min(mrzTop - photoTop - 3 * px, 45 * px);
  const photoWidth = photoHeight * 0.78;
  if (options.photo)
    drawPhoto(ctx, await loadImage(options.photo), margin, photoTop, photoWidth, photoHeight);
  else drawSilhouette(ctx, margin, photoTop, photoWidth, photoHeight);

  const fields = visualFields(document.data);
  const columnX = margin + photoWidth + 4 * px;
  const rowHeight = Math.min(6.2 * px, (mrzTop - photoTop - 2 * px) / fields.length);
  fields.forEach(([label, value], i) => {
    const y = photoTop + i * rowHeight;
    ctx.fillStyle = '#55627a';
    ctx.font = `${(rowHeight * 0.28).toFixed(1)}px ${TEXT_FAMILY}`;
    ctx.fillText(label, columnX, y + rowHeight * 0.3);
    ctx.fillStyle = '#111418';
    ctx.font = `bold ${(rowHeight * 0.42).toFixed(1)}px ${TEXT_FAMILY}`;
    ctx.fillText(value, columnX, y + rowHeight * 0.78);
  });

  // The zone is printed on a clear band, as ICAO requires.
  ctx.fillStyle = 'rgba(255, 255, 255, 0.55)';
  ctx.fillRect(0, mrzTop - 2 * px, width, height - mrzTop + 2 * px);
  ctx.fillStyle = '#0b0b0d';
  ctx.font = `${(MRZ_FONT_MM * px).toFixed(1)}px "${MRZ_FAMILY}"`;
  ctx.textAlign = 'center';
  const pitch = MRZ_PITCH_MM * px;
  const left = (width - pitch * document.lines[0].length) / 2;
  document.lines.forEach((line, row) => {
    const baseline = height - (MRZ_BOTTOM_MM + MRZ_LINE_PITCH_MM * (document.lines.length - 1 - row)) * px;
    [...line].forEach((char, i) => ctx.fillText(char, left + pitch * (i + 0.5), baseline));
  });
  // Synchronous on purpose: the asynchronous encode works on the thread pool and the canvas may be collected
  // under it once this function has returned (seen as sporadic crashes inside skia).
  return canvas.toBuffer('image/png');
}
