import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type DocumentFileErrorCode } from './document-file-error';
import { type InspectOptions, inspectDocumentFile } from './inspect-document-file';
import {
  heicContainerHead,
  passwordProtectedPdf,
  pdfFromObjects,
  pngDeclaringSize,
  pngWithShortPixelData,
  textPdf,
  withIncrementalUpdate,
  withJpegSegment,
  zipArchive,
} from './test-documents';

/** A picture with a dark disc in the top-left corner, so orientation can be checked from the pixels. */
function picture(width: number, height: number) {
  const disc = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 8}" cy="${height / 8}" r="${Math.min(width, height) / 10}" fill="#102030"/></svg>`,
  );
  return sharp({ create: { width, height, channels: 3, background: '#e0d0c0' } }).composite([
    { input: disc },
  ]);
}

async function rejection(bytes: Uint8Array, options?: InspectOptions): Promise<DocumentFileErrorCode> {
  const error = await inspectDocumentFile(bytes, options).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error, 'the file should have been refused').toBeDefined();
  expect((error as Error).name).toBe('DocumentFileError');
  return (error as { code: DocumentFileErrorCode }).code;
}

/** Mean grey level of a square region of the normalised image. */
async function meanGrey(png: Buffer, left: number, top: number, size: number): Promise<number> {
  const { data } = await sharp(png)
    .extract({ left, top, width: size, height: size })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data.reduce((sum, value) => sum + value, 0) / data.length;
}

describe('inspectDocumentFile: images', () => {
  it('applies the EXIF orientation, so a sideways phone photo comes out upright', async () => {
    // Stored 400x300 with orientation 6: viewers turn it 90 degrees clockwise, to 300x400.
    const jpeg = await picture(400, 300).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const inspected = await inspectDocumentFile(jpeg);
    expect(inspected).toMatchObject({
      kind: 'image',
      type: { mime: 'image/jpeg' },
      original: { width: 300, height: 400 },
    });
    expect(inspected.image).toMatchObject({ format: 'png', width: 300, height: 400 });
    // The disc, top-left in the stored pixels, is top-right once turned clockwise.
    expect(await meanGrey(inspected.image.data, 300 - 60, 20, 30)).toBeLessThan(80);
    expect(await meanGrey(inspected.image.data, 20, 20, 30)).toBeGreaterThan(150);
  });

  it('scales a large image down to the longest edge allowed and can add greyscale pixels', async () => {
    const png = await picture(3000, 2000).png().toBuffer();
    const inspected = await inspectDocumentFile(png, { greyscale: true });
    expect(inspected.original).toEqual({ width: 3000, height: 2000 });
    expect(inspected.image).toMatchObject({ width: 2500, height: 1667 });
    expect(inspected.greyscale?.data.length).toBe(2500 * 1667);
  });

  it('flattens transparency onto white, brings 16-bit grey to 8 bits and reads WebP and TIFF', async () => {
    const transparent = await sharp({
      create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const flattened = await inspectDocumentFile(transparent, { output: 'jpeg' });
    expect(flattened.image.format).toBe('jpeg');
    expect(await meanGrey(flattened.image.data, 10, 10, 20)).toBeGreaterThan(250);
    const grey16 = await picture(64, 48).toColourspace('grey16').png().toBuffer();
    const greyInspected = await inspectDocumentFile(grey16, { greyscale: true });
    expect(greyInspected.greyscale?.data.length).toBe(64 * 48);
    expect((await sharp(greyInspected.image.data).metadata()).depth).toBe('uchar');
    for (const [bytes, mime] of [
      [await picture(64, 48).webp().toBuffer(), 'image/webp'],
      [await picture(64, 48).tiff().toBuffer(), 'image/tiff'],
    ] as const) {
      const inspected = await inspectDocumentFile(bytes);
      expect(inspected.type.mime).toBe(mime);
      expect(inspected.image).toMatchObject({ width: 64, height: 48 });
    }
  });

  it('refuses an image bomb from its header: a tiny PNG declaring 100 000 x 100 000 pixels', async () => {
    const bomb = pngDeclaringSize(100_000, 100_000);
    expect(bomb.length).toBeLessThan(2000);
    expect(await rejection(bomb)).toBe('too_many_pixels');
    // Also a merely too large picture, under the decoder's own default ceiling.
    expect(await rejection(pngDeclaringSize(8000, 8000))).toBe('too_many_pixels');
  });

  it('refuses truncated images: cut anywhere before the end marker, or missing bytes inside', async () => {
    const jpeg = await picture(400, 300).jpeg().toBuffer();
    for (const share of [0.1, 0.6, 0.99]) {
      expect(await rejection(jpeg.subarray(0, Math.floor(jpeg.length * share)))).toBe('truncated');
    }
    const png = await picture(400, 300).png().toBuffer();
    expect(await rejection(png.subarray(0, png.length - 40))).toBe('truncated');
    // Chunks intact but the compressed pixels stop half way: the decoder itself fails (libpng says no more).
    expect(await rejection(pngWithShortPixelData(png))).toBe('decode_failed');
  });

  it('reads past an embedded EXIF thumbnail, which is a complete JPEG inside the JPEG', async () => {
    const thumbnail = await picture(32, 24).jpeg().toBuffer();
    const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), thumbnail]);
    const jpeg = withJpegSegment(await picture(200, 150).jpeg().toBuffer(), 0xe1, exif);
    const inspected = await inspectDocumentFile(jpeg);
    expect(inspected).toMatchObject({ trailingBytes: 0, image: { width: 200, height: 150 } });
  });

  it('tolerates an unrecognised trailer after the image, as some cameras write, and says how long it was', async () => {
    const trailer = Buffer.concat([
      Buffer.from('Image_UTC_Data1700000000000', 'latin1'),
      Buffer.from([0x53, 0x45, 0x46, 0x48, 1, 2, 3, 4]),
    ]);
    const jpeg = Buffer.concat([await picture(80, 60).jpeg().toBuffer(), trailer]);
    expect((await inspectDocumentFile(jpeg)).trailingBytes).toBe(trailer.length);
  });

  it('tolerates media appended after the image, as motion photos carry their video clip', async () => {
    const still = await picture(80, 60).jpeg().toBuffer();
    const clip = await picture(40, 30).jpeg().toBuffer();
    expect((await inspectDocumentFile(Buffer.concat([still, clip]))).trailingBytes).toBe(clip.length);
  });
});

describe('inspectDocumentFile: refused types and polyglots', () => {
  it('refuses an empty file, an oversized one and types it does not take', async () => {
    expect(await rejection(Buffer.alloc(0))).toBe('empty');
    const png = await picture(40, 30).png().toBuffer();
    expect(await rejection(png, { maxBytes: png.length - 1 })).toBe('too_large');
    expect(await rejection(await picture(40, 30).gif().toBuffer())).toBe('unsupported_type');
    expect(await rejection(Buffer.from('name,date of birth\nJane,1990-01-01\n'))).toBe('unsupported_type');
    expect(await rejection(zipArchive('id.jpg', 'not an image'))).toBe('unsupported_type');
  });

  it('refuses HTML renamed to .jpg, as active content rather than an unknown type', async () => {
    const html = Buffer.from(
      '<!DOCTYPE html>\n<html><body><script>fetch("/steal?c=" + document.cookie)</script></body></html>',
    );
    expect(await rejection(html)).toBe('active_content');
    expect(
      await rejection(Buffer.from('\n  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
    ).toBe('active_content');
  });

  it('refuses script hidden inside an image', async () => {
    const comment = Buffer.from('<script>alert(document.domain)</script>', 'latin1');
    expect(await rejection(withJpegSegment(await picture(80, 60).jpeg().toBuffer(), 0xfe, comment))).toBe(
      'active_content',
    );
  });

  it('refuses an image with a ZIP archive appended', async () => {
    const jpeg = Buffer.concat([
      await picture(80, 60).jpeg().toBuffer(),
      zipArchive('payload.sh', 'echo owned'),
    ]);
    expect(await rejection(jpeg)).toBe('polyglot');
  });

  it('refuses an image with a PDF after its end marker, or a PDF header where readers look for one', async () => {
    const png = Buffer.concat([await picture(80, 60).png().toBuffer(), textPdf('HIDDEN')]);
    expect(await rejection(png)).toBe('polyglot');
    const early = withJpegSegment(
      await picture(80, 60).jpeg().toBuffer(),
      0xfe,
      Buffer.from('%PDF-1.4 1 0 obj', 'latin1'),
    );
    expect(await rejection(early)).toBe('polyglot');
  });

  it('refuses a PDF that is also a ZIP, appended or hidden inside a stream', async () => {
    expect(await rejection(Buffer.concat([textPdf('ID CARD'), zipArchive('a.txt', 'hello')]))).toBe(
      'polyglot',
    );
    const zip = zipArchive('inner.js', 'alert(1)').toString('latin1');
    const inside = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 243 153] >>',
      `<< /Length ${zip.length} >>\nstream\n${zip}\nendstream`,
    ]);
    expect(await rejection(inside)).toBe('polyglot');
  });

  it('refuses a HEIC photo when the installed decoder cannot read HEVC, which the prebuilt one cannot', async () => {
    const heicSupported = ((sharp.format.heif.input as { fileSuffix?: string[] }).fileSuffix ?? []).includes(
      '.heic',
    );
    expect(await rejection(heicContainerHead())).toBe(heicSupported ? 'decode_failed' : 'unsupported_type');
  });
});

describe('inspectDocumentFile: PDFs', () => {
  it('renders page 1 of a PDF at 200 dpi and reports the page count', async () => {
    const inspected = await inspectDocumentFile(textPdf('P<UTOERIKSSON<<ANNA', { pages: 3 }));
    expect(inspected).toMatchObject({ kind: 'pdf', type: { mime: 'application/pdf' }, pageCount: 3 });
    // An ID-1 sized page, 243 x 153 pt, at 200 dpi.
    expect(inspected.image).toMatchObject({ width: 675, height: 425 });
    // The text line is dark, the empty middle of the page white.
    expect(await meanGrey(inspected.image.data, 50, 60, 20)).toBeLessThan(240);
    expect(await meanGrey(inspected.image.data, 400, 250, 40)).toBeGreaterThan(250);
  });

  it('reads a PDF saved with an incremental update, which has more than one end marker', async () => {
    const inspected = await inspectDocumentFile(withIncrementalUpdate(textPdf('UPDATED')));
    expect(inspected).toMatchObject({ kind: 'pdf', pageCount: 1, trailingBytes: 0 });
  });

  it('renders an oversized page no larger than the longest edge allowed', async () => {
    const inspected = await inspectDocumentFile(textPdf('POSTER', { width: 14_400, height: 7_200 }));
    expect(inspected.image).toMatchObject({ width: 2500, height: 1250 });
  });

  it('refuses password-protected, broken and truncated PDFs with their own codes', async () => {
    expect(await rejection(passwordProtectedPdf())).toBe('pdf_encrypted');
    expect(await rejection(Buffer.from('%PDF-1.7\nthis is not a PDF body\n%%EOF\n'))).toBe('pdf_unreadable');
    const pdf = textPdf('CUT SHORT');
    expect(await rejection(pdf.subarray(0, pdf.length - 30))).toBe('truncated');
  });

  it('refuses a PDF that runs JavaScript when opened', async () => {
    const pdf = textPdf('HELLO', { catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ' });
    expect(await rejection(pdf)).toBe('active_content');
  });

  it('gives up with a timeout code when rendering exceeds its budget', async () => {
    expect(await rejection(textPdf('SLOW'), { timeoutMs: 1 })).toBe('timeout');
  });
});
