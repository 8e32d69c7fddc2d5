import { detectCryptoAddress } from '@kyc/screening-domain';
import { isIsoCountryCode } from './country-codes';
import type { FormField } from './workflow-definition';

/** A form value after validation: strings come back trimmed and normalised (phone digits, country case). */
export type FieldValue = string | number | boolean;

export type FieldValueResult = { ok: true; value: FieldValue } | { ok: false; issue: string };

const TEXT_MAX = 1000;
const NAME_MAX = 200;
const EMAIL_MAX = 254;
const URL_MAX = 2048;

// Letters and combining marks of any script, plus the separators real names use (O'Brien, Jean-Luc, St. John).
// A single character class keeps matching linear; a second test requires at least one letter.
const NAME_CHARACTERS = /^[\p{L}\p{M} '’.-]+$/u;
const LETTER = /\p{L}/u;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 5322 "dot-atom" local part and a dotted host name with an alphabetic top-level label.
const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const PHONE_PATTERN = /^\+[0-9 -]+$/;

const ok = (value: FieldValue): FieldValueResult => ({ ok: true, value });
const fail = (issue: string): FieldValueResult => ({ ok: false, issue });

/** Checks one form value against its field's type and returns the value to store. */
export function validateFieldValue(field: FormField, value: unknown): FieldValueResult {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return fail('must be a string');
      return value.length <= TEXT_MAX ? ok(value) : fail(`must be at most ${TEXT_MAX} characters`);
    case 'name':
      return validateName(value);
    case 'date':
      return validateDate(value);
    case 'email':
      return validateEmail(value);
    case 'phone':
      return validatePhone(value);
    case 'country': {
      if (typeof value !== 'string') return fail('must be an ISO 3166-1 alpha-2 country code');
      const code = value.trim().toUpperCase();
      return isIsoCountryCode(code) ? ok(code) : fail('must be an ISO 3166-1 alpha-2 country code');
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? ok(value)
        : fail('must be a finite number');
    case 'select': {
      const options = field.options ?? [];
      return typeof value === 'string' && options.includes(value)
        ? ok(value)
        : fail(`must be one of: ${options.join(', ')}`);
    }
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : fail('must be true or false');
    case 'url':
      return validateUrl(value);
    case 'crypto_address': {
      if (typeof value !== 'string') return fail('must be a string');
      const address = value.trim();
      // A mistyped address is the customer's error to fix now, not a screening miss later: checksums catch it.
      return detectCryptoAddress(address)
        ? ok(address)
        : fail('must be a valid address of a supported currency (format and checksum)');
    }
    default: {
      const unknownType: never = field.type;
      return fail(`unsupported field type ${String(unknownType)}`);
    }
  }
}

function validateName(value: unknown): FieldValueResult {
  if (typeof value !== 'string') return fail('must be a string');
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length === 0) return fail('must not be empty');
  if (name.length > NAME_MAX) return fail(`must be at most ${NAME_MAX} characters`);
  return NAME_CHARACTERS.test(name) && LETTER.test(name)
    ? ok(name)
    : fail('may contain only letters, spaces, apostrophes, hyphens and dots');
}

function validateDate(value: unknown): FieldValueResult {
  const issue = 'must be a real calendar date in the form YYYY-MM-DD';
  if (typeof value !== 'string') return fail(issue);
  const match = DATE_PATTERN.exec(value.trim());
  if (!match) return fail(issue);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date rolls 2023-02-30 over into March; a real date survives the round trip unchanged. setUTCFullYear,
  // unlike Date.UTC, does not map years 0..99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? ok(match[0]) : fail(issue);
}

function validateEmail(value: unknown): FieldValueResult {
  const issue = 'must be an email address';
  if (typeof value !== 'string') return fail(issue);
  const email = value.trim();
  if (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)) return fail(issue);
  const at = email.lastIndexOf('@');
  // The domain is case-insensitive; the local part may not be, so it is kept as typed.
  return ok(email.slice(0, at) + '@' + email.slice(at + 1).toLowerCase());
}

function validatePhone(value: unknown): FieldValueResult {
  const issue = 'must be an international number: + followed by 7 to 15 digits';
  if (typeof value !== 'string') return fail(issue);
  const raw = value.trim();
  if (!PHONE_PATTERN.test(raw)) return fail(issue);
  const digits = raw.replace(/[ -]/g, '').slice(1);
  if (digits.length < 7 || digits.length > 15 || digits.startsWith('0')) return fail(issue);
  return ok(`+${digits}`);
}

function validateUrl(value: unknown): FieldValueResult {
  const issue = 'must be an absolute http or https URL';
  if (typeof value !== 'string') return fail(issue);
  const text = value.trim();
  if (text.length > URL_MAX) return fail(`must be at most ${URL_MAX} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(issue);
  }
  const web = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  return web ? ok(text) : fail(issue);
}
