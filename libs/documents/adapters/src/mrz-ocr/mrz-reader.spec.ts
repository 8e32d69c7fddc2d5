import { MrzNotFoundError } from '@kyc/documents-domain';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { degradeImage, MRZ_SPECIMENS, renderMrzDocument, syntheticMrzDocuments } from '../testing';
import { MrzOcrError } from './mrz-ocr-error';
import { MrzReader } from './mrz-reader';
import { TesseractMrzEngine } from './tesseract-mrz-engine';

const now = new Date('2025-06-01T00:00:00Z');
const [, , icaoPassport, germanId, germanPassport] = MRZ_SPECIMENS;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('MrzReader', () => {
  const reader = new MrzReader({ clock: () => now });

  beforeAll(() => reader.init(), 30_000);
  afterAll(() => reader.close());

  it('reads the ICAO specimen passport', async () => {
    const extraction = await reader.read(await renderMrzDocument(icaoPassport));
    expect(extraction).toMatchObject({
      format: 'TD3',
      document_number: 'L898902C3',
      full_name: 'ANNA MARIA ERIKSSON',
      date_of_birth: '1974-08-12',
      expiry_date: '2012-04-15',
      nationality: 'UTO',
      check_digits: { all_valid: true, failed: [] },
    });
  });

  it('reads an identity card handed over as raw grey pixels', async () => {
    const { data, info } = await sharp(await renderMrzDocument(germanId))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const extraction = await reader.read({ data, width: info.width, height: info.height });
    expect(extraction).toMatchObject({
      format: 'TD1',
      document_type: 'ID',
      document_number: 'T22000129',
      full_name: 'ERIKA MUSTERMANN',
      sex: 'X',
      check_digits: { all_valid: true },
    });
  });

  it('reads a photographed document, and one lying upside down', async () => {
    const [synthetic] = syntheticMrzDocuments({ count: 1, seed: 3, now });
    const shot = await degradeImage(await renderMrzDocument(synthetic), 'photographed', 3);
    const upsideDown = await sharp(await renderMrzDocument(germanPassport))
      .rotate(180)
      .png()
      .toBuffer();
    const [fromShot, fromUpsideDown] = await Promise.all([reader.read(shot.image), reader.read(upsideDown)]);
    expect(fromShot).toMatchObject({
      document_number: synthetic.data.documentNumber,
      check_digits: { all_valid: true },
    });
    expect(fromUpsideDown).toMatchObject({
      document_number: 'C01X00T47',
      expiry_date: '2027-02-28',
      check_digits: { all_valid: true },
    });
  });

  it('finds the zone of a document that fills a quarter of a large photo', async () => {
    const page = await renderMrzDocument(icaoPassport);
    const photo = await sharp({ create: { width: 5900, height: 4400, channels: 3, background: '#6b5a4a' } })
      .composite([{ input: page, left: 2200, top: 1700 }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const extraction = await reader.read(photo);
    expect(extraction).toMatchObject({ document_number: 'L898902C3', check_digits: { all_valid: true } });
  });

  it('reports a check digit printed wrong instead of correcting it', async () => {
    const lines = [
      icaoPassport.lines[0],
      icaoPassport.lines[1].slice(0, 19) + '3' + icaoPassport.lines[1].slice(20),
    ];
    const extraction = await reader.read(await renderMrzDocument({ ...icaoPassport, lines }));
    expect(extraction.check_digits).toEqual({ all_valid: false, failed: ['date_of_birth', 'composite'] });
    expect(extraction.date_of_birth).toBe('1974-08-12');
  });

  it('throws coded errors for images without a zone and for bytes that are no image', async () => {
    const blank = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#eeeeee' } })
      .png()
      .toBuffer();
    await expect(reader.read(blank)).rejects.toBeInstanceOf(MrzNotFoundError);
    const png = await renderMrzDocument(germanId, { dpi: 100 });
    expect(await codeOf(reader.read(png.subarray(0, png.length / 2)))).toBe('image_unreadable');
    expect(await codeOf(reader.read(Buffer.from('%PDF-1.7 not an image')))).toBe('image_unreadable');
    expect(await codeOf(reader.read({ data: new Uint8Array(10), width: 5, height: 5 }))).toBe(
      'image_unreadable',
    );
  });
});

describe('MrzReader limits', () => {
  it('gives up on an OCR call past its timeout and restarts the worker for the next one', async () => {
    const engine = new TesseractMrzEngine('legacy');
    const image = await sharp(await renderMrzDocument(germanPassport))
      .extract({ left: 0, top: 850, width: 1476, height: 189 })
      .png()
      .toBuffer();
    expect(await codeOf(engine.recognise(image, 1))).toBe('ocr_timeout');
    const lines = await engine.recognise(image, 20_000);
    expect(lines.map((symbols) => symbols.map((s) => s.text).join(''))).toContain(germanPassport.lines[0]);
    await engine.close();
  }, 30_000);

  it('times a whole read out, and refuses reads once closed', async () => {
    const image = await renderMrzDocument(germanPassport, { dpi: 150 });
    const reader = new MrzReader({ clock: () => now });
    expect(await codeOf(reader.read(image, { timeoutMs: 1 }))).toBe('ocr_timeout');
    await reader.close();
    expect(await codeOf(reader.read(image))).toBe('reader_closed');
    await expect(reader.init()).rejects.toBeInstanceOf(MrzOcrError);
  }, 30_000);
});
