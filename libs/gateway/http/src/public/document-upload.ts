import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';

export interface ReceivedUpload {
  bytes: Buffer;
  fileName: string;
  documentType: string | undefined;
}

/** Reads the multipart body: one `file` part (at most `maxBytes`) and the `document_type` field, in any order. */
export async function receiveUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw new ApiError(415, 'unsupported_media_type', 'send the document as multipart/form-data with a "file" part', [
      { field: 'content-type', issue: 'must be multipart/form-data' },
    ]);
  }
  let file: { bytes: Buffer; fileName: string } | undefined;
  let documentType: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw ApiError.invalid('send exactly one file, in the part named "file"', [{ field: 'file', issue: 'exactly one file part named "file"' }]);
      }
      file = { bytes: await readLimited(part, maxBytes), fileName: cleanFileName(part.filename) };
    } else if (part.fieldname === 'document_type' && typeof part.value === 'string') {
      documentType = part.value.trim();
    }
  }
  if (!file) throw ApiError.invalid('the "file" part is missing', [{ field: 'file', issue: 'is required' }]);
  return { ...file, documentType };
}

async function readLimited(part: MultipartFile, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  if (part.file.truncated) {
    throw new ApiError(413, 'payload_too_large', `the file is larger than ${maxBytes} bytes`, [
      { field: 'file', issue: `must be at most ${maxBytes} bytes` },
    ]);
  }
  return Buffer.concat(chunks);
}

/** Keeps the name for display only: no path, no control characters, bounded length. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned || 'document';
}
