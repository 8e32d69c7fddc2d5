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
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw onlyOneFile();
        }
        file = { bytes: await readLimited(part, maxBytes), fileName: cleanFileName(part.filename) };
      } else if (part.fieldname === 'document_type' && typeof part.value === 'string') {
        documentType = part.value.trim();
      }
    }
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
  if (!file) throw ApiError.invalid('the "file" part is missing', [{ field: 'file', issue: 'is required' }]);
  return { ...file, documentType };
}

const onlyOneFile = () =>
  ApiError.invalid('send exactly one file, in the part named "file"', [{ field: 'file', issue: 'exactly one file part named "file"' }]);

const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `the file is larger than ${maxBytes} bytes`, [{ field: 'file', issue: `must be at most ${maxBytes} bytes` }]);

/**
 * Everything that goes wrong while the body is parsed is the client's doing: the multipart plugin's limits
 * (codes FST_*) and the parser's own errors for a body that is not valid multipart (no boundary, cut short).
 */
function multipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof ApiError) return error;
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_FILES_LIMIT':
      return onlyOneFile();
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return ApiError.invalid('the form has too many parts: send only "file" and "document_type"', [{ field: 'body', issue: 'too many parts' }]);
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return ApiError.invalid(`the multipart body could not be read: ${reason}`, [{ field: 'body', issue: 'is not a valid multipart/form-data body' }]);
}

async function readLimited(part: MultipartFile, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  if (part.file.truncated) throw tooLarge(maxBytes);
  return Buffer.concat(chunks);
}

/** Keeps the name for display only: no path, no control characters, bounded length. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned || 'document';
}
