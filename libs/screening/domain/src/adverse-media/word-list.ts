/** A list of words written as text, so long vocabularies stay readable: "a b\n c" -> ["a", "b", "c"]. */
export function words(list: string): string[] {
  return list.trim().split(/\s+/);
}
