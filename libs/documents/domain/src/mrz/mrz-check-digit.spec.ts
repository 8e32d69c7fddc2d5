import { describe, expect, it } from 'vitest';
import { mrzCheckDigit } from './mrz-check-digit';

describe('mrzCheckDigit', () => {
  it('computes the ICAO 9303 digits of the specimen fields', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
    // TD3 composite: document number, birth and expiry dates and personal number, each with its digit.
    expect(mrzCheckDigit('L898902C36' + '7408122' + '1204159ZE184226B<<<<<1')).toBe(0);
  });

  it('counts fillers as zero', () => {
    expect(mrzCheckDigit('<<<<<<')).toBe(0);
    expect(mrzCheckDigit('T22000129')).toBe(mrzCheckDigit('T22000129<<<'));
  });
});
