// Produces tests/MlConnector.Tests/Common/SmsSegmentVectors.json: SMS segment counts computed by Twilio's own segment
// calculator (npm package sms-segments-calculator), independently of ml-connector's SmsSegments.
// Run once in a scratch folder outside the repository:
//   npm install sms-segments-calculator@1.3.0 && node sms-segment-vectors.mjs > SmsSegmentVectors.json
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator');
const version = require('sms-segments-calculator/package.json').version;

const a = (n) => 'a'.repeat(n);
const l = (n) => 'ł'.repeat(n); // U+0142: not GSM-7, one UTF-16 unit

const cases = [
  ['empty', ''],
  ['plain GSM-7', 'Hello World'],
  ['GSM-7 accents and symbols of the basic set', 'Café à Zürich £5 @home ¥ § ¿¡ ÆØÅ ΔΦΓΛΩΠΨΣΘΞ'],
  ['GSM-7 line breaks LF and CRLF', 'PO 123\nneeds approval\r\nthanks'],
  ['160 septets: one segment', a(160)],
  ['161 septets: two segments', a(161)],
  ['306 septets: two segments', a(306)],
  ['307 septets: three segments', a(307)],
  ['459 septets: three segments', a(459)],
  ['460 septets: four segments', a(460)],
  ['1600 septets', a(1600)],
  ...['€', '^', '{', '}', '[', ']', '~', '\\', '|', '\f'].map((c) => [`extension character U+${c.codePointAt(0).toString(16).padStart(4, '0')} counts two septets`, c]),
  ['80 euro signs: 160 septets, one segment', '€'.repeat(80)],
  ['81 euro signs: 162 septets, two segments', '€'.repeat(81)],
  ['159 plain + one extension: 161 septets', a(159) + '^'],
  ['escape pair ends exactly at septet 153', a(151) + '{' + a(10)],
  ['escape pair would straddle septets 153/154', a(152) + '{' + a(10)],
  ['escape pair straddling 153 makes a third segment', a(152) + '{' + a(152)],
  ['escape pair at the second boundary (306/307)', a(305) + '[' + a(10)],
  ['only extension characters: 153 pairs (306 septets) take three segments', '|'.repeat(153)],
  ['smart quotes force UCS-2', '“PO 123” approved – thanks'],
  ['c-cedilla is not GSM-7 (only the capital is)', 'ç'],
  ['capital C-cedilla is GSM-7', 'Ç'],
  ['70 UCS-2 units: one segment', l(70)],
  ['71 UCS-2 units: two segments', l(71)],
  ['134 UCS-2 units: two segments', l(134)],
  ['135 UCS-2 units: three segments', l(135)],
  ['1600 UCS-2 units', l(1600)],
  ['emoji: a surrogate pair is two units', 'Approved 👍'],
  ['35 emoji: 70 units, one segment', '😀'.repeat(35)],
  ['36 emoji: 72 units, two segments', '😀'.repeat(36)],
  ['surrogate pair ends exactly at unit 67', l(65) + '😀' + l(10)],
  ['surrogate pair would straddle units 67/68', l(66) + '😀' + l(10)],
  ['surrogate pair straddling 67 makes a third segment', l(66) + '😀' + l(66)],
  ['GSM-7 extension character inside a UCS-2 text is one unit', 'ł€{' + l(10)],
  ['skin-tone emoji (one grapheme, two surrogate pairs) at the boundary', l(65) + '👍🏽' + l(65)],
  ['flag (two regional indicators) at the boundary', l(65) + '🇿🇦' + l(65)],
  ['ZWJ family emoji (one grapheme, 8 units) at the boundary', l(62) + '👨‍👩‍👧' + l(64)],
  ['combining accent (e + U+0301) at the boundary', l(66) + 'e\u0301' + l(66)],
  ['CRLF at the UCS-2 boundary (two characters, not one grapheme)', l(66) + '\r\n' + l(66)],
  ['combining accent well inside a segment', 'Caf' + 'e\u0301' + ' approved'],
];

// Where Twilio's documented rules (specs/twilio.md section 8, from twilio.com/docs/glossary) and this package differ.
const disagreements = [
  'Twilio documents nine GSM-7 extension characters (^ { } \\ [ ] ~ | €); the package also counts form feed (U+000C, ' +
    'GSM 03.38 escape 0x1B 0x0A) as two septets.',
  'Twilio documents the segment sizes (153 septets / 67 units per part) but not where a text is cut; the package never ' +
    'cuts a GSM-7 escape pair, nor a UCS-2 grapheme cluster (a surrogate pair, an emoji with a skin tone, a flag, a ZWJ ' +
    'sequence, a letter with a combining accent): such a character starts the next segment.',
  'The package counts CR LF as two characters (its web page converts CRLF to LF); as one grapheme cluster it would move whole.',
];

const vectors = cases.map(([name, text]) => {
  const m = new SegmentedMessage(text);
  const gsm = m.encodingName === 'GSM-7';
  return { name, text, encoding: gsm ? 'Gsm7' : 'Ucs2', units: m.messageSize / (gsm ? 7 : 16), segments: m.segmentsCount };
});

console.log(JSON.stringify({
  producedBy: `npm sms-segments-calculator ${version} (Twilio's segment calculator, github.com/TwilioDevEd/message-segment-calculator), ` +
    'SegmentedMessage(text) with encoding auto and smart encoding off, by tests/MlConnector.Tests/Common/sms-segment-vectors.mjs. ' +
    'units: septets for GSM-7, UTF-16 code units for UCS-2 (messageSize / 7 or / 16).',
  disagreements,
  vectors,
}, null, 2));
