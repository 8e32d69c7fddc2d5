/**
 * Country names as the sanctions lists write them, resolved to ISO 3166-1 alpha-2. One line per code: the short
 * English name first, then the spellings the lists use (OFAC "Korea, North", "Burma"; UN "Iran (Islamic Republic
 * of)", "Viet Nam"; nationality adjectives such as "Palestinian"). Regions the lists name inside a country resolve
 * to it. XK (Kosovo) is user-assigned, not ISO, but is what every sanctions and payment system uses.
 */
const COUNTRY_TABLE = `
AD Andorra
AE United Arab Emirates | UAE
AF Afghanistan
AG Antigua and Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AQ Antarctica
AR Argentina
AS American Samoa
AT Austria
AU Australia
AW Aruba
AX Aland Islands
AZ Azerbaijan
BA Bosnia and Herzegovina | Bosnia-Herzegovina
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BL Saint Barthelemy
BM Bermuda
BN Brunei | Brunei Darussalam
BO Bolivia | Bolivia (Plurinational State of)
BQ Bonaire, Sint Eustatius and Saba
BR Brazil
BS Bahamas | Bahamas, The
BT Bhutan
BV Bouvet Island
BW Botswana
BY Belarus
BZ Belize
CA Canada
CC Cocos (Keeling) Islands
CD Congo, Democratic Republic of the | Democratic Republic of the Congo | DRC | Congo (Kinshasa) | Zaire
CF Central African Republic
CG Congo | Congo, Republic of the | Republic of the Congo | Congo (Brazzaville)
CH Switzerland
CI Cote d'Ivoire | Cote d Ivoire | Ivory Coast
CK Cook Islands
CL Chile
CM Cameroon
CN China | People's Republic of China
CO Colombia
CR Costa Rica
CU Cuba
CV Cabo Verde | Cape Verde
CW Curacao
CX Christmas Island
CY Cyprus
CZ Czechia | Czech Republic
DE Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FK Falkland Islands
FM Micronesia | Micronesia, Federated States of
FO Faroe Islands
FR France
GA Gabon
GB United Kingdom | United Kingdom of Great Britain and Northern Ireland | Great Britain | UK
GD Grenada
GE Georgia
GF French Guiana
GG Guernsey
GH Ghana
GI Gibraltar
GL Greenland
GM Gambia | Gambia, The
GN Guinea
GP Guadeloupe
GQ Equatorial Guinea
GR Greece
GS South Georgia and the South Sandwich Islands
GT Guatemala
GU Guam
GW Guinea-Bissau
GY Guyana
HK Hong Kong | China, Hong Kong Special Administrative Region | Hong Kong SAR
HM Heard Island and McDonald Islands
HN Honduras
HR Croatia
HT Haiti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IM Isle of Man | Man, Isle of
IN India
IO British Indian Ocean Territory
IQ Iraq
IR Iran | Iran (Islamic Republic of) | Islamic Republic of Iran
IS Iceland
IT Italy
JE Jersey
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan
KH Cambodia
KI Kiribati
KM Comoros
KN Saint Kitts and Nevis
KP North Korea | Korea, North | Democratic People's Republic of Korea | DPRK
KR South Korea | Korea, South | Republic of Korea
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos | Lao People's Democratic Republic
LB Lebanon
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya | Libyan Arab Jamahiriya
MA Morocco
MC Monaco
MD Moldova | Republic of Moldova
ME Montenegro
MF Saint Martin
MG Madagascar
MH Marshall Islands
MK North Macedonia | North Macedonia, The Republic of | Macedonia | Republic of North Macedonia
ML Mali | Northern Mali
MM Burma | Myanmar
MN Mongolia
MO Macau | Macao
MP Northern Mariana Islands
MQ Martinique
MR Mauritania
MS Montserrat
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NC New Caledonia
NE Niger
NF Norfolk Island
NG Nigeria
NI Nicaragua
NL Netherlands | Netherlands, The
NO Norway
NP Nepal
NR Nauru
NU Niue
NZ New Zealand
OM Oman
PA Panama
PE Peru
PF French Polynesia
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PM Saint Pierre and Miquelon
PN Pitcairn
PR Puerto Rico
PS Palestine | State of Palestine | Palestinian | Palestinian Territories | Gaza | Gaza Strip | West Bank
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RE Reunion
RO Romania
RS Serbia
RU Russia | Russian Federation
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden
SG Singapore
SH Saint Helena
SI Slovenia
SJ Svalbard and Jan Mayen
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan
ST Sao Tome and Principe
SV El Salvador
SX Sint Maarten
SY Syria | Syrian Arab Republic
SZ Eswatini | Swaziland
TC Turks and Caicos Islands
TD Chad
TF French Southern Territories
TG Togo
TH Thailand
TJ Tajikistan
TK Tokelau
TL Timor-Leste | East Timor
TM Turkmenistan
TN Tunisia
TO Tonga
TR Turkey | Turkiye
TT Trinidad and Tobago
TV Tuvalu
TW Taiwan
TZ Tanzania | United Republic of Tanzania
UA Ukraine | Crimea
UG Uganda
UM United States Minor Outlying Islands
US United States | United States of America | USA
UY Uruguay
UZ Uzbekistan
VA Holy See | Vatican City
VC Saint Vincent and the Grenadines
VE Venezuela | Venezuela (Bolivarian Republic of)
VG British Virgin Islands | Virgin Islands, British
VI U.S. Virgin Islands | Virgin Islands, U.S.
VN Vietnam | Viet Nam
VU Vanuatu
WF Wallis and Futuna
WS Samoa
XK Kosovo
YE Yemen
YT Mayotte
ZA South Africa
ZM Zambia
ZW Zimbabwe
`;

/** Case, accents, punctuation and a leading "the" do not distinguish country names. */
function countryKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

let codesByKey: Map<string, string> | undefined;

function countryCodesByKey(): Map<string, string> {
  if (!codesByKey) {
    codesByKey = new Map();
    for (const row of COUNTRY_TABLE.trim().split('\n')) {
      const code = row.slice(0, 2);
      for (const name of row.slice(3).split('|')) codesByKey.set(countryKey(name), code);
    }
  }
  return codesByKey;
}

/**
 * ISO 3166-1 alpha-2 code of a country name as published, or undefined when it names no single country
 * ("undetermined", "former Soviet Union", a disputed region). A "Region:" prefix (OFAC) names a place inside the
 * country and is looked through.
 */
export function countryCode(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const key = countryKey(name.replace(/^\s*region\s*:/i, ''));
  return key ? countryCodesByKey().get(key) : undefined;
}
