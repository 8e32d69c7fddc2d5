import type { MrzDocument } from './mrz-document';

const ERIKSSON = {
  issuingCountry: 'UTO',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  nationality: 'UTO',
  dateOfBirth: '1974-08-12',
  sex: 'F',
  expiryDate: '2012-04-15',
} as const;

const MUSTERMANN = {
  issuingCountry: 'D',
  surname: 'MUSTERMANN',
  givenNames: 'ERIKA',
  nationality: 'D',
  dateOfBirth: '1964-08-12',
} as const;

/**
 * Published specimen MRZs: ICAO Doc 9303's Utopian documents of Anna Maria Eriksson (parts 4, 5 and 6) and the
 * German identity card and passport of Erika Mustermann. Their expiry dates are in the past: two-digit years
 * must resolve to them for any reference date up to twenty years after.
 */
export const MRZ_SPECIMENS: readonly MrzDocument[] = [
  {
    id: 'icao-td1',
    lines: [
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ],
    data: { ...ERIKSSON, format: 'TD1', documentType: 'I', documentNumber: 'D23145890', optionalData: '' },
  },
  {
    id: 'icao-td2',
    lines: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
    data: { ...ERIKSSON, format: 'TD2', documentType: 'I', documentNumber: 'D23145890', optionalData: '' },
  },
  {
    id: 'icao-td3',
    lines: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
    data: {
      ...ERIKSSON,
      format: 'TD3',
      documentType: 'P',
      documentNumber: 'L898902C3',
      optionalData: 'ZE184226B',
    },
  },
  {
    id: 'de-id-card',
    lines: [
      'IDD<<T220001293<<<<<<<<<<<<<<<',
      '6408125<2010315D<<<<<<<<<<<<<4',
      'MUSTERMANN<<ERIKA<<<<<<<<<<<<<',
    ],
    data: {
      ...MUSTERMANN,
      format: 'TD1',
      documentType: 'ID',
      documentNumber: 'T22000129',
      sex: 'X',
      expiryDate: '2020-10-31',
      optionalData: '',
    },
  },
  {
    id: 'de-passport',
    lines: ['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4'],
    data: {
      ...MUSTERMANN,
      format: 'TD3',
      documentType: 'P',
      documentNumber: 'C01X00T47',
      sex: 'F',
      expiryDate: '2027-02-28',
      optionalData: '',
    },
  },
];
