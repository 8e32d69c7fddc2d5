import { describe, expect, it } from 'vitest';
import { validateCryptoAddress } from './validate-crypto-address';

// The cashaddr specification's examples: the same hash160 as P2PKH (q...) and P2SH (p...), with the legacy forms.
const SPEC_EXAMPLES = [
  ['bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu'],
  ['bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy', '1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR'],
  ['bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r', '16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb'],
  ['bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq', '3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC'],
];

describe('Bitcoin Cash cashaddr', () => {
  it.each(SPEC_EXAMPLES)('accepts %s and its legacy form %s', (cashaddr, legacy) => {
    expect(validateCryptoAddress('BCH', cashaddr)).toEqual({
      valid: true,
      normalized: cashaddr,
      chain: 'bitcoin-cash',
    });
    expect(validateCryptoAddress('BCH', legacy)).toEqual({
      valid: true,
      normalized: legacy,
      chain: 'bitcoin-cash',
    });
  });

  it('accepts the address without its prefix and in upper case, normalising both to the prefixed lower case', () => {
    const [cashaddr] = SPEC_EXAMPLES[0];
    const payload = cashaddr.slice('bitcoincash:'.length);
    expect(validateCryptoAddress('BCH', payload)).toMatchObject({ valid: true, normalized: cashaddr });
    expect(validateCryptoAddress('BCH', cashaddr.toUpperCase())).toMatchObject({
      valid: true,
      normalized: cashaddr,
    });
  });

  it('refuses a changed character (bad_checksum), mixed case (bad_format) and another network (wrong_network)', () => {
    expect(
      validateCryptoAddress('BCH', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6q'),
    ).toMatchObject({
      valid: false,
      reason: 'bad_checksum',
    });
    expect(
      validateCryptoAddress('BCH', 'bitcoincash:qpm2qsznhks23z7629MMS6s4cwef74vcwvy22gdx6a'),
    ).toMatchObject({
      valid: false,
      reason: 'bad_format',
    });
    // The same payload under the testnet prefix fails its checksum, since the prefix is part of it.
    expect(validateCryptoAddress('BCH', 'bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a')).toMatchObject({
      valid: false,
      reason: 'bad_checksum',
    });
  });

  it('calls a valid testnet cashaddr another network', () => {
    expect(validateCryptoAddress('BCH', 'bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvqcw003ap')).toMatchObject({
      valid: false,
      reason: 'wrong_network',
    });
  });

  it('is not a Bitcoin address', () => {
    expect(validateCryptoAddress('XBT', SPEC_EXAMPLES[0][0])).toMatchObject({ valid: false });
  });
});
