/** 1-based line of a character offset, for errors that a parser reports by position. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** 1-based line where `needle` first occurs, or 1 when it does not: the best a record-level error can point at. */
export function lineOf(source: string, needle: string): number {
  const at = source.indexOf(needle);
  return at < 0 ? 1 : lineAt(source, at);
}
