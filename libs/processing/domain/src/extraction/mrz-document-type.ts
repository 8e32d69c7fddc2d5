/** The kind of document a machine-readable zone declares, as the API reports it. */
export type ExtractedDocumentType = 'passport' | 'id_card' | 'visa' | 'other';

/**
 * ICAO 9303 fixes only the first letter of the document code: P passports (TD3), V visas (MRV-A, MRV-B), and
 * I, A or C the official travel documents of card size (TD1, TD2): identity cards, residence permits, crew
 * member certificates. The second letter is each issuer's own (PD diplomatic, IR residence permit...).
 */
export function documentTypeFromMrzCode(code: string): ExtractedDocumentType {
  switch (code.replace(/</g, '').trim().toUpperCase().charAt(0)) {
    case 'P':
      return 'passport';
    case 'I':
    case 'A':
    case 'C':
      return 'id_card';
    case 'V':
      return 'visa';
    default:
      return 'other';
  }
}
