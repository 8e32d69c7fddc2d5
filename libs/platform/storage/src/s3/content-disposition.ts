/**
 * `Content-Disposition: attachment` naming the file, for any name a user may have uploaded (RFC 6266): an ASCII
 * `filename` for old clients, with every character that could end the quoted string or the header replaced,
 * and the exact name as UTF-8 in `filename*` (RFC 8187), which current browsers prefer.
 */
export function attachmentDisposition(fileName?: string): string {
  const name = fileName?.trim() ?? '';
  if (name === '') return 'attachment';
  const fallback = name.replace(/[^\x20-\x7e]|["\\/]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

/** Percent-encodes all but RFC 8187's attr-char; encodeURIComponent alone leaves ' ( ) * as they are. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
