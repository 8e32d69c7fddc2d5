/**
 * Why an address was refused, as a machine code. Codes are ordered by how far a check got, so that a currency
 * accepted on several chains (USDT on Ethereum, Tron and Omni) reports the most telling failure: an address whose
 * checksum holds but whose version byte belongs to another network says more than "not hex".
 */
export type CryptoAddressInvalidReason =
  | 'empty'
  | 'too_long'
  | 'unsupported_currency'
  | 'bad_format'
  | 'bad_checksum'
  | 'wrong_network'
  | 'bad_length';

/** The outcome of checking one address against one chain's format. */
export type AddressCheck = { ok: true; normalized: string } | AddressRefusal;

export interface AddressRefusal {
  ok: false;
  reason: CryptoAddressInvalidReason;
  message: string;
}

/** Checks a trimmed, non-empty address against one address format. */
export type AddressFormat = (address: string) => AddressCheck;

const SPECIFICITY: Record<CryptoAddressInvalidReason, number> = {
  empty: 0,
  too_long: 0,
  unsupported_currency: 0,
  bad_format: 1,
  bad_checksum: 2,
  wrong_network: 3,
  bad_length: 4,
};

export function accepted(normalized: string): AddressCheck {
  return { ok: true, normalized };
}

export function refused(reason: CryptoAddressInvalidReason, message: string): AddressRefusal {
  return { ok: false, reason, message };
}

/** Of two refusals, the one that got further through its checks (the first one on a tie). */
export function moreTelling(current: AddressRefusal | undefined, next: AddressRefusal): AddressRefusal {
  return !current || SPECIFICITY[next.reason] > SPECIFICITY[current.reason] ? next : current;
}
