/**
 * Name parts that carry little identity: articles and kinship particles (AL-, BIN, VAN, DE), honorifics and
 * titles (DR, SHEIKH, HAJI), and connecting words of organisation names (OF, THE, AND). They still match, but
 * weigh little, so "Dr AL ZAWAHIRI" rests on ZAWAHIRI and "Bank of Scotland" does not ride on "of".
 */
// prettier-ignore
export const PARTICLES = new Set([
  'al', 'el', 'ul', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'bin', 'ben', 'ibn', 'bint', 'abu', 'abou', 'bou',
  'umm', 'um', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'das', 'dos', 'do', 'du', 'la', 'le',
  'zu', 'y', 'e',
]);

// prettier-ignore
export const TITLES = new Set([
  'dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'sir', 'dame', 'prof', 'professor', 'eng', 'engineer', 'sheikh',
  'shaykh', 'sheik', 'shaikh', 'haji', 'hajji', 'haj', 'hajj', 'alhaji', 'mullah', 'mulla', 'maulvi', 'mawlawi',
  'maulana', 'mawlana', 'qari', 'mufti', 'imam', 'ayatollah', 'general', 'gen', 'col', 'colonel', 'maj', 'major',
  'capt', 'captain', 'lt', 'brig', 'admiral', 'jr', 'sr', 'junior', 'senior',
]);

export const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'und', 'et', 'i']);

const PATRONYMIC =
  /(?:ovich|evich|avich|ovitch|evitch|ovych|evych|ovic|evic|ovna|evna|ivna|ichna|ogly|oglu|ogli|ugli|kyzy|qizi)$/;

/** Russian, Ukrainian, Belarusian patronymics and Turkic ones (-ogly, -kyzy): shared by many unrelated people. */
export function isPatronymic(token: string): boolean {
  return token.length >= 7 && PATRONYMIC.test(token);
}
