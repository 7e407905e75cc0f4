/**
 * Publication dates as feeds really write them, read into an instant. Two families:
 *   - RFC 822 / RFC 5322 (RSS `pubDate`): `Mon, 24 Sep 2018 19:42:40 -0300`, and what real feeds make of it:
 *     day and month names in Portuguese, French, German, Spanish, Dutch or Italian, no weekday, no seconds,
 *     two-digit years, `1500` for 15:00, named zones (GMT, EST, BST, CEST…), the month before the day.
 *   - ISO 8601 / RFC 3339 (Atom `published`, `updated`): `2026-12-06T10:21:07Z`, `2026-12-06 10:21+01:00`.
 * Anything else gives undefined, so the caller can say it does not know rather than guess: no Date.parse,
 * whose leniency differs between engines and reads `1` as the year 2001.
 */

/** ISO 8601 instant (`toISOString` form) of a feed's date text, or undefined when it cannot be read */
export function parseFeedDate(value: string): string | undefined {
  if (value.length > MAX_DATE_LENGTH) return undefined;
  const trimmed = value.trim().toLowerCase();
  const fields = ISO_DATE.test(trimmed) ? isoFields(trimmed) : rfc822Fields(normalise(trimmed));
  return fields && instantOf(fields);
}

/** the longest real date is about 40 characters; anything much longer is not one, and is not worth a regex */
const MAX_DATE_LENGTH = 100;

interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/;

function isoFields(text: string): DateFields | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const offsetMinutes = zone === undefined || zone === 'z' ? 0 : numericOffset(zone);
  if (offsetMinutes === undefined) return undefined;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: fractionToMs(fraction),
    offsetMinutes,
  };
}

/**
 * `[weekday] day month year time [zone]`, or with the month before the day. The weekday is skipped whatever
 * its language (it adds nothing to the date, and feeds get it wrong).
 */
const RFC822 = new RegExp(
  [
    '^(?:[a-z]+\\.?\\s+)??',
    '(?:(?<day>\\d{1,2})\\.?\\s+(?<month>[a-z]+)\\.?|(?<monthFirst>[a-z]+)\\.?\\s+(?<dayAfter>\\d{1,2}))',
    '\\s+(?<year>\\d{2,4})',
    '\\s+(?:(?<h>\\d{1,2})[:.h](?<m>\\d{2})(?:[:.](?<s>\\d{2})(?:[.,](?<frac>\\d+))?)?|(?<hh>\\d{2})(?<mm>\\d{2})(?<ss>\\d{2})?)',
    '(?:\\s*(?<meridiem>am|pm))?',
    '(?:\\s*(?<zone>[a-z]{1,5}))?',
    '(?:\\s*(?<offset>[+-]\\d{1,2}(?::?\\d{2})?))?$',
  ].join(''),
);

function rfc822Fields(text: string): DateFields | undefined {
  const groups = RFC822.exec(text)?.groups;
  if (!groups) return undefined;
  const month = MONTHS.get(groups['month'] ?? groups['monthFirst'] ?? '');
  const hour = clockHour(Number(groups['h'] ?? groups['hh']), groups['meridiem']);
  const offsetMinutes = zoneOffset(groups['zone'], groups['offset']);
  if (month === undefined || hour === undefined || offsetMinutes === undefined) return undefined;
  return {
    year: fullYear(groups['year'] as string),
    month,
    day: Number(groups['day'] ?? groups['dayAfter']),
    hour,
    minute: Number(groups['m'] ?? groups['mm']),
    second: Number(groups['s'] ?? groups['ss'] ?? 0),
    millisecond: fractionToMs(groups['frac']),
    offsetMinutes,
  };
}

/** RFC 5322 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999, three digits are years after 1900 */
function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits.length === 3) return 1900 + year;
  return year;
}

function clockHour(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return undefined;
  return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
}

/**
 * A named zone, a numeric offset, both (`GMT+0100`), or neither: RFC 822 requires a zone, and a feed that
 * leaves it out nearly always means UTC. A name we do not know (IST is India, Ireland or Israel) makes the
 * whole date unreadable rather than hours wrong.
 */
function zoneOffset(zone: string | undefined, offset: string | undefined): number | undefined {
  const named = zone === undefined ? 0 : zoneByName(zone);
  if (named === undefined) return undefined;
  if (offset === undefined) return named;
  // an offset after a zone name is relative to UTC (`GMT+1`, `UTC-03:00`); after a local zone it is nonsense
  if (named !== 0) return undefined;
  return numericOffset(offset);
}

const ZONES: Record<string, number> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  cest: 120,
  mez: 60,
  mesz: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

function zoneByName(zone: string): number | undefined {
  const known = ZONES[zone];
  if (known !== undefined) return known;
  // RFC 5322 §4.3: the military letters were so often given the wrong sign that they mean only "UTC"
  if (/^[a-ik-y]$/.test(zone)) return 0;
  return undefined;
}

/** `+0100`, `+01:00`, `-03`, `+1`: minutes east of UTC; undefined past any real zone's offset */
function numericOffset(offset: string): number | undefined {
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(offset);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function fractionToMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
}

/** the instant, or undefined for a date that does not exist (31 April, 25:00) */
function instantOf(fields: DateFields): string | undefined {
  const { year, month, day, hour, minute, millisecond, offsetMinutes } = fields;
  // a leap second (23:59:60) is the last second of its minute as far as anyone reading an email cares
  const second = fields.second === 60 ? 59 : fields.second;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // `0018` is a typo, not the year 18 (which Date.UTC would make 1918)
  if (year < 1000) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** accents off (`févr.` → `fevr.`, `märz` → `marz`), commas and RFC 5322 comments gone, `24-Sep-2018` split */
function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\([^()]*\)/g, ' ')
    .replace(/,/g, ' ')
    .replace(/\b(\d{1,2})[-/]([a-z]+)[-/](\d{2,4})\b/g, '$1 $2 $3')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Month names and abbreviations in the languages trusts' alert feeds turn up in, accents removed. No name
 * means two months: `mar` is March wherever it appears as a month.
 */
const MONTH_NAMES: readonly string[][] = [
  // English, French, German, Spanish, Dutch, Italian, Portuguese
  [
    'jan',
    'january',
    'janv',
    'janvier',
    'januar',
    'jaen',
    'ene',
    'enero',
    'januari',
    'gen',
    'gennaio',
    'janeiro',
  ],
  ['feb', 'february', 'fev', 'fevr', 'fevrier', 'februar', 'febrero', 'februari', 'febbraio', 'fevereiro'],
  ['mar', 'march', 'mars', 'marz', 'maerz', 'mrz', 'marzo', 'mrt', 'maart', 'marco'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'mei', 'mag', 'maggio', 'maio'],
  ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno', 'junho'],
  ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio', 'julho'],
  ['aug', 'august', 'aout', 'ago', 'agosto', 'augustus'],
  [
    'sep',
    'sept',
    'september',
    'septembre',
    'set',
    'septiembre',
    'setiembre',
    'sett',
    'settembre',
    'setembro',
  ],
  ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'ott', 'ottobre', 'out', 'outubro'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'decembre', 'dez', 'dezember', 'dic', 'diciembre', 'dicembre', 'dezembro'],
];

const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);
