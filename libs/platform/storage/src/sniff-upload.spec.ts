import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffUpload } from './sniff-upload';

// Smallest byte sequences each format's signature check accepts, written out so the tests need no binary files.
const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9]);
const png = bytes(
  [0x89],
  'PNG\r\n\x1a\n',
  u32be(13),
  'IHDR',
  [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
  [0x1f, 0x15, 0xc4, 0x89],
  u32be(0),
  'IEND',
  [0xae, 0x42, 0x60, 0x82],
);
const webp = bytes('RIFF', u32(26), 'WEBPVP8 ', Buffer.alloc(18));
const heic = bytes(u32be(24), 'ftypheic', u32be(0), 'mif1heic', Buffer.alloc(16));
const heif = bytes(u32be(24), 'ftypmif1', u32be(0), 'mif1heic', Buffer.alloc(16));
const tiff = bytes('II*\0', u32(8), u16(1), [0, 1, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0], u32(0), Buffer.alloc(16));
const pdf = bytes(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n',
);

/** A real one-file ZIP archive (stored, no compression). */
function zip(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const crc = crc32(data);
  const local = bytes(
    u32(0x04034b50),
    u16(10),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    u32(crc),
    u32(data.length),
    u32(data.length),
    u16(name.length),
    u16(0),
    name,
    data,
  );
  const central = bytes(
    u32(0x02014b50),
    u16(20),
    u16(10),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    u32(crc),
    u32(data.length),
    u32(data.length),
    u16(name.length),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    u32(0),
    u32(0),
    name,
  );
  const end = bytes(
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(1),
    u16(1),
    u32(central.length),
    u32(local.length),
    u16(0),
  );
  return Buffer.concat([local, central, end]);
}

describe('sniffUpload', () => {
  it.each([
    ['JPEG', jpeg, 'image/jpeg', 'jpg'],
    ['PNG', png, 'image/png', 'png'],
    ['WebP', webp, 'image/webp', 'webp'],
    ['HEIC', heic, 'image/heic', 'heic'],
    ['HEIF', heif, 'image/heif', 'heic'],
    ['TIFF', tiff, 'image/tiff', 'tif'],
    ['PDF (embedded JavaScript is out of scope)', pdf, 'application/pdf', 'pdf'],
  ])('accepts %s by its content', async (_name, file, mime, ext) => {
    expect(await sniffUpload(file)).toEqual({ ok: true, mime, ext });
  });

  it('rejects an empty file', async () => {
    expect(await sniffUpload(new Uint8Array(0))).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('rejects content with no known signature, whatever its name would say', async () => {
    const result = await sniffUpload(Buffer.from('passport scan, honestly\n'));
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    expect(result).not.toHaveProperty('detected');
  });

  it('rejects a known but unaccepted type and says what it found', async () => {
    expect(await sniffUpload(bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0], Buffer.alloc(20)))).toMatchObject({
      ok: false,
      reason: 'unsupported',
      detected: { mime: 'image/gif', ext: 'gif' },
    });
  });

  it.each([
    ['ZIP', zip('hello.txt', 'hello'), 'application/zip'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0], Buffer.alloc(20)), 'application/gzip'],
    ['ELF executable', bytes([0x7f], 'ELF', [2, 1, 1, 0], Buffer.alloc(56)), 'application/x-elf'],
    ['Windows executable', bytes('MZ', Buffer.alloc(100)), 'application/x-msdownload'],
  ])('refuses %s as an archive or executable', async (_name, file, mime) => {
    expect(await sniffUpload(file)).toMatchObject({ ok: false, reason: 'forbidden', detected: { mime } });
  });

  it('refuses an image with a ZIP archive appended', async () => {
    const polyglot = Buffer.concat([jpeg, zip('payload.js', 'alert(1)')]);
    expect(await sniffUpload(polyglot)).toMatchObject({
      ok: false,
      reason: 'polyglot',
      detected: { mime: 'image/jpeg' },
    });
  });

  it('accepts an image whose data merely contains the ZIP signature bytes', async () => {
    const image = Buffer.concat([
      jpeg.subarray(0, jpeg.length - 2),
      bytes(u32(0x06054b50), Buffer.alloc(30)),
      jpeg.subarray(-2),
    ]);
    expect(await sniffUpload(image)).toMatchObject({ ok: true, mime: 'image/jpeg' });
  });

  it('reads a Uint8Array view at an offset', async () => {
    const backing = Buffer.concat([Buffer.from('garbage'), png]);
    expect(
      await sniffUpload(new Uint8Array(backing.buffer, backing.byteOffset + 7, png.length)),
    ).toMatchObject({
      ok: true,
      mime: 'image/png',
    });
  });
});
