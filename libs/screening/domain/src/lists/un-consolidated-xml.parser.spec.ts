import { describe, expect, it } from 'vitest';
import { ListParseError } from './list-parse.error';
import { parseUnConsolidatedXml } from './un-consolidated-xml.parser';

const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>6908555</DATAID>
      <FIRST_NAME>SADDAM</FIRST_NAME>
      <SECOND_NAME>HUSSEIN</SECOND_NAME>
      <THIRD_NAME>AL-TIKRITI</THIRD_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE>
      <REFERENCE_NUMBER>IQi.001</REFERENCE_NUMBER>
      <NAME_ORIGINAL_SCRIPT>صدام حسين التكريتي</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Deceased &amp; delisted elsewhere.</COMMENTS1>
      <NATIONALITY><VALUE>Iraq</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abu Ali</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Udai</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Jang Hyon U</ALIAS_NAME><DATE_OF_BIRTH>1958-02-22</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><CITY>Tikrit</CITY><STATE_PROVINCE>Salah ad-Din</STATE_PROVINCE><COUNTRY>Iraq</COUNTRY></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1937-04-28</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1940</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1935</FROM_YEAR><TO_YEAR>1938</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>6907993</DATAID>
      <FIRST_NAME>ERIC</FIRST_NAME>
      <SECOND_NAME>BADEGE</SECOND_NAME>
      <UN_LIST_TYPE>DRC</UN_LIST_TYPE>
      <NATIONALITY><VALUE>Democratic Republic of the Congo</VALUE><VALUE>Rwanda</VALUE></NATIONALITY>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>6908402</DATAID>
      <FIRST_NAME>ADF</FIRST_NAME>
      <UN_LIST_TYPE>DRC</UN_LIST_TYPE>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Allied Democratic Forces</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>NALU</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><STATE_PROVINCE>North Kivu </STATE_PROVINCE><COUNTRY>Democratic Republic of the Congo</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
`;

function parseError(xml: string): ListParseError {
  try {
    parseUnConsolidatedXml(xml);
  } catch (error) {
    if (error instanceof ListParseError) return error;
    throw error;
  }
  throw new Error('expected a ListParseError');
}

describe('parseUnConsolidatedXml', () => {
  const snapshot = parseUnConsolidatedXml(XML);
  const byId = (id: string) => snapshot.entities.find((e) => e.id === id)!;

  it('reads individuals and entities with un:<DATAID> ids and the generation date', () => {
    expect(snapshot.list).toBe('un');
    expect(snapshot.publishedAt).toBe('2026-02-27T00:00:09.554Z');
    expect(snapshot.entities.map((e) => [e.id, e.type])).toEqual([
      ['un:6908555', 'person'],
      ['un:6907993', 'person'],
      ['un:6908402', 'organization'],
    ]);
  });

  it('joins the name parts and takes programs from UN_LIST_TYPE', () => {
    expect(byId('un:6908555').name).toBe('SADDAM HUSSEIN AL-TIKRITI');
    expect(byId('un:6908555').programs).toEqual(['Iraq']);
    expect(byId('un:6908555').remarks).toBe('Deceased & delisted elsewhere.');
  });

  it('grades aliases by quality and keeps the original script, skipping empty aliases', () => {
    expect(byId('un:6908555').aliases).toEqual([
      { name: 'Abu Ali', strength: 'strong', kind: 'alias' },
      { name: 'Abu Udai', strength: 'weak', kind: 'alias' },
      { name: 'Jang Hyon U', strength: 'strong', kind: 'alias' },
      { name: 'صدام حسين التكريتي', strength: 'strong', kind: 'original_script' },
    ]);
    expect(byId('un:6908402').aliases).toEqual([
      { name: 'Allied Democratic Forces', strength: 'strong', kind: 'aka' },
      { name: 'NALU', strength: 'strong', kind: 'fka' },
    ]);
  });

  it('reads exact, year-only, approximate and between birth dates, and those given with an alias', () => {
    expect(byId('un:6908555').birthDates).toEqual([
      { year: 1937, month: 4, day: 28 },
      { year: 1939, toYear: 1941 },
      { year: 1935, toYear: 1938 },
      { year: 1958, month: 2, day: 22 },
    ]);
    expect(byId('un:6907993').birthDates).toEqual([{ year: 1971 }]);
  });

  it('resolves nationalities and address countries to ISO codes', () => {
    expect(byId('un:6908555').nationalities).toEqual(['IQ']);
    expect(byId('un:6907993').nationalities).toEqual(['CD', 'RW']);
    expect(byId('un:6908555').addresses).toEqual([
      { city: 'Tikrit, Salah ad-Din', country: 'Iraq', countryCode: 'IQ' },
    ]);
    expect(byId('un:6908402').addresses).toEqual([
      { city: 'North Kivu', country: 'Democratic Republic of the Congo', countryCode: 'CD' },
    ]);
  });

  it('reports malformed XML with the line the fault is on', () => {
    const broken = XML.replace('<SECOND_NAME>BADEGE</SECOND_NAME>', '<SECOND_NAME>BADEGE</SECOND_NAM>');
    const error = parseError(broken);
    expect(error.file).toBe('consolidated.xml');
    expect(error.line).toBe(XML.split('\n').findIndex((l) => l.includes('BADEGE')) + 1);
  });

  it('reports a missing root element, generation date or record id', () => {
    expect(parseError('<?xml version="1.0"?><OTHER/>').reason).toMatch(/CONSOLIDATED_LIST/);
    expect(parseError('<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>').reason).toMatch(
      /dateGenerated/,
    );
    expect(
      parseError(
        '<CONSOLIDATED_LIST dateGenerated="2026-02-27"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>',
      ).reason,
    ).toMatch(/no INDIVIDUAL or ENTITY/);
    const noId = XML.replace('<DATAID>6907993</DATAID>', '');
    expect(parseError(noId).reason).toMatch(/without DATAID/);
  });
});
