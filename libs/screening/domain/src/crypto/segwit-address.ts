import { bech32, bech32m } from '@scure/base';
import { accepted, refused, type AddressFormat } from './address-check';

/** BIP-173: the data part uses this 32-character set; "1" separates it from the human-readable part. */
const BECH32_CHARSET = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
const MAX_LENGTH = 90;
const CHECKSUM_CHARS = 6;

/**
 * A segregated-witness address (BIP-173 bech32 for witness v0, BIP-350 bech32m for v1 and above) under the
 * given human-readable part. Bech32 is case-insensitive but must not mix cases; the normal form is lower case.
 */
export function segwitAddress(hrp: string, network: string): AddressFormat {
  return (address) => {
    const lower = address.toLowerCase();
    if (address !== lower && address !== address.toUpperCase()) {
      return refused('bad_format', 'bech32 addresses must not mix upper and lower case');
    }
    if (lower.length > MAX_LENGTH)
      return refused('bad_format', `bech32 addresses are at most ${MAX_LENGTH} characters`);
    const separator = lower.lastIndexOf('1');
    const data = lower.slice(separator + 1);
    if (separator < 1 || data.length <= CHECKSUM_CHARS || !BECH32_CHARSET.test(data)) {
      return refused('bad_format', 'not a bech32 string');
    }

    const asBech32 = bech32.decodeUnsafe(lower, MAX_LENGTH);
    const asBech32m = asBech32 ? undefined : bech32m.decodeUnsafe(lower, MAX_LENGTH);
    const decoded = asBech32 ?? asBech32m;
    if (!decoded) return refused('bad_checksum', 'bech32 checksum does not match');
    // Checked after the checksum, so that only a genuine address of another network is called one.
    if (decoded.prefix !== hrp)
      return refused('wrong_network', `${network} segwit addresses start with ${hrp}1`);

    const [version, ...programWords] = decoded.words;
    if (version > 16) return refused('bad_format', `witness version ${version} does not exist`);
    // BIP-350: v0 keeps the original bech32 checksum, every later version must use bech32m.
    if ((version === 0) !== Boolean(asBech32)) {
      return refused(
        'bad_checksum',
        `witness v${version} requires the ${version === 0 ? 'bech32' : 'bech32m'} checksum`,
      );
    }
    const program = bech32.fromWordsUnsafe(programWords);
    if (!program) return refused('bad_format', 'witness program has invalid padding');
    if (program.length < 2 || program.length > 40) {
      return refused('bad_length', `witness program of ${program.length} bytes (2 to 40 allowed)`);
    }
    if (version === 0 && program.length !== 20 && program.length !== 32) {
      return refused('bad_length', `witness v0 program of ${program.length} bytes (20 or 32 allowed)`);
    }
    return accepted(lower);
  };
}
