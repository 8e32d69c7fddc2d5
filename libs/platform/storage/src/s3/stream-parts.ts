/**
 * Cuts a stream into parts of exactly `partSize` bytes for a multipart upload. The last part is always shorter
 * than `partSize` (empty when the length is a multiple of it, or the stream is empty), so a reader knows the
 * stream has ended as soon as it sees a short part. At most one part and one chunk are held in memory.
 *
 * Stopping the iteration early (an upload failed) ends the loop below, which destroys the stream.
 */
export async function* streamParts(
  stream: AsyncIterable<Uint8Array | string>,
  partSize: number,
): AsyncGenerator<Buffer, void, undefined> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream) {
    let bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (pendingBytes + bytes.length >= partSize) {
      const take = partSize - pendingBytes;
      pending.push(bytes.subarray(0, take));
      yield Buffer.concat(pending, partSize);
      pending = [];
      pendingBytes = 0;
      bytes = bytes.subarray(take);
    }
    if (bytes.length > 0) {
      pending.push(bytes);
      pendingBytes += bytes.length;
    }
  }
  yield Buffer.concat(pending, pendingBytes);
}
