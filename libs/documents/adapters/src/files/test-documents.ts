/**
 * Small files built byte by byte for the file-check specs: PDFs, ZIP archives and PNG chunks, valid or broken
 * on purpose. Images with real pixels come from sharp in the specs themselves.
 */
import { crc32, deflateSync } from 'node:zlib';

/** A PDF from its object bodies (object 1 must be the catalog), with a correct cross-reference table. */
export function pdfFromObjects(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The PDF with an incremental update appended, as editors and signing tools save changes: a new version of the
 * page tree's parent object, a cross-reference section pointing back to the previous one, and a second %%EOF.
 */
export function withIncrementalUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const previousXref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const size = Number(/\/Size (\d+)/.exec(text)?.[1]);
  const object = `${size} 0 obj\n<< /Producer (incremental update) >>\nendobj\n`;
  const xref = pdf.length + object.length;
  const update =
    object +
    `xref\n${size} 1\n${String(pdf.length).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root 1 0 R /Info ${size} 0 R /Prev ${previousXref} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

export interface TextPdfOptions {
  /** Page size in points (1/72 inch); an ID-1 card is 243 x 153. */
  width?: number;
  height?: number;
  pages?: number;
  /** Extra entries for the catalog dictionary, e.g. an /OpenAction. */
  catalogExtra?: string;
}

/** A PDF whose pages show a line of text in Helvetica and a filled rectangle. */
export function textPdf(text: string, options: TextPdfOptions = {}): Buffer {
  const { width = 243, height = 153, pages = 1, catalogExtra = '' } = options;
  const content = `BT /F1 18 Tf 14 ${height - 40} Td (${text}) Tj ET 0 0 0.6 rg 14 14 60 30 re f`;
  const pageIds = Array.from({ length: pages }, (_, i) => 5 + i);
  return pdfFromObjects([
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...pageIds.map(
      () =>
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>`,
    ),
  ]);
}

/**
 * A PDF encrypted with the standard security handler whose user password is not empty: readers can open it
 * only with the password. The /O and /U entries are what a real encryptor writes, 32 opaque bytes each.
 */
export function passwordProtectedPdf(): Buffer {
  const opaque = (seed: number) =>
    Array.from({ length: 32 }, (_, i) => ((seed + i * 37) & 0xff).toString(16).padStart(2, '0')).join('');
  const content = 'BT /F1 18 Tf 14 100 Td (SECRET) Tj ET';
  return pdfFromObjects(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 243 153] /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${opaque(11)}> /U <${opaque(97)}> >>`,
    ],
    `/Encrypt 5 0 R /ID [<${opaque(3).slice(0, 32)}> <${opaque(3).slice(0, 32)}>] `,
  );
}

/** A ZIP archive holding one stored (uncompressed) file. */
export function zipArchive(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const checksum = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(checksum, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(checksum, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const directoryOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, checksum]);
}

/**
 * A valid, tiny PNG that declares `width` x `height` greyscale pixels: the header is all a decoder reads before
 * allocating, so a few hundred bytes can demand gigabytes (an image bomb).
 */
export function pngDeclaringSize(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 0;
  // The first rows of zero bytes, compressed to almost nothing.
  const rows = deflateSync(Buffer.alloc(Math.min(width + 1, 1 << 20) * 4), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG rebuilt with only the first half of its compressed pixel data, every chunk still well-formed. */
export function pngWithShortPixelData(png: Buffer): Buffer {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  const pixels = Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data));
  return Buffer.concat([
    png.subarray(0, 8),
    ...chunks
      .filter((chunk) => chunk.type !== 'IDAT' && chunk.type !== 'IEND')
      .map((chunk) => pngChunk(chunk.type, chunk.data)),
    pngChunk('IDAT', pixels.subarray(0, pixels.length >> 1)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of an ISO base media file branded HEIC, as iPhones write (the image items are left out). */
export function heicContainerHead(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1heic', 16, 'latin1');
  const meta = Buffer.alloc(12);
  meta.writeUInt32BE(12, 0);
  meta.write('meta', 4, 'latin1');
  return Buffer.concat([ftyp, meta]);
}

/** A JPEG with an APP segment inserted after its start marker, e.g. a comment or an EXIF block. */
export function withJpegSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 0xff;
  header[1] = marker;
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
