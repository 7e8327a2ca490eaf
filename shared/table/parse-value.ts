/**
 * Reading spreadsheet and CSV text as typed values, the way an analyst expects: "$1,234.50" is a number,
 * "14/03/2025" a date, "yes" a boolean, "#N/A" and "" missing.
 */

/** Text that means "no value": empty, common null spellings and Excel's error values (#N/A, #DIV/0!, …). */
export function isMissingText(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length > 15) return false;
  const c = s.charCodeAt(0);
  // Only text starting with n, -, —, # or white space can be a missing token; skip the rest without allocating.
  if ((c | 0x20) !== 0x6e && c !== 0x2d && c !== 0x2014 && c !== 0x23 && c > 0x20 && c !== 0xa0) return false;
  const t = s.trim().toLowerCase();
  return MISSING.has(t) || (t.startsWith('#') && EXCEL_ERRORS.has(t));
}
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', '\u2014', 'nil']);
const EXCEL_ERRORS = new Set([
  '#n/a',
  '#value!',
  '#ref!',
  '#div/0!',
  '#num!',
  '#name?',
  '#null!',
  '#spill!',
  '#calc!',
  '#getting_data',
  '#field!',
  '#blocked!',
  '#connect!',
  '#busy!',
  '#unknown!',
]);

/**
 * Numeric text → number, NaN when the text is not a finite number. Accepts a sign, decimals, exponents, thousands
 * separators ("1,234,567.8", and "1.234.567,8" European style), a currency sign or code before or after ($ € £ ¥ ₹,
 * USD EUR GBP), accounting negatives "(1,234)" and a trailing percent ("12.5%" → 0.125). "Infinity", hex and
 * empty text are not numbers.
 */
export function parseNumberText(s: string): number {
  const c = s.charCodeAt(0);
  // Fast path for plain decimal text, the overwhelmingly common case in CSV exports.
  if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
    const v = +s;
    if (v === v && v !== Infinity && v !== -Infinity) {
      const c1 = s.charCodeAt(1) | 0x20;
      if (s.length < 3 || (c1 !== 0x78 && c1 !== 0x62 && c1 !== 0x6f)) return v; // not 0x / 0b / 0o
    }
  }
  return parseNumberSlow(s);
}

const CURRENCY = /^(?:[$€£¥₹]|USD|EUR|GBP|CHF|JPY)\s*|\s*(?:[$€£¥₹]|USD|EUR|GBP|CHF|JPY)$/g;
const PLAIN = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const US_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const EU_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const SPACE_GROUPED = /^\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d+)?$/;

function parseNumberSlow(raw: string): number {
  let s = raw.trim();
  if (s.length === 0 || s.length > 64) return NaN;
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1).trim();
  }
  const signed = s.startsWith('-') || s.startsWith('+');
  if (signed) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '');
  // "$-5" puts the sign after the currency; one sign at most.
  if (!signed && (s.startsWith('-') || s.startsWith('+'))) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1);
  }
  let v: number;
  if (PLAIN.test(s)) v = +s;
  else if (US_GROUPED.test(s)) v = +s.replace(/,/g, '');
  else if (EU_GROUPED.test(s)) v = +s.replace(/\./g, '').replace(',', '.');
  else if (SPACE_GROUPED.test(s)) v = +s.replace(/[ \u00a0\u202f']/g, '').replace(',', '.');
  else return NaN;
  v = sign * v * scale;
  return Number.isFinite(v) ? v : NaN;
}

/** Boolean text → 1 / 0, NaN otherwise: true/false, yes/no, y/n, t/f, 1/0 (case-insensitive). */
export function parseBooleanText(s: string): number {
  switch (s.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case 'y':
    case 't':
    case '1':
      return 1;
    case 'false':
    case 'no':
    case 'n':
    case 'f':
    case '0':
      return 0;
    default:
      return NaN;
  }
}

/** Which way to read "03/04/2025": day first (Europe and most of the world) or month first (US). */
export type DayOrder = 'DMY' | 'MDY';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_YMD = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Date text → epoch milliseconds (UTC when no offset is written), NaN when not a valid date. ISO 8601 dates and
 * date-times, YYYY/MM/DD, and DD/MM/YYYY or MM/DD/YYYY (with / . or -) as `order` says.
 */
export function parseDateText(s: string, order: DayOrder = 'DMY'): number {
  const t = s.trim();
  let m = ISO_DATE.exec(t);
  if (m) {
    const ms = utc(+m[1], +m[2], +m[3], m[4], m[5], m[6], m[7]);
    if (Number.isNaN(ms) || !m[8] || m[8] === 'Z') return ms;
    const off = m[8].replace(':', '');
    const minutes = (off[0] === '-' ? -1 : 1) * (+off.slice(1, 3) * 60 + +off.slice(3, 5));
    return ms - minutes * 60000;
  }
  m = SLASH_YMD.exec(t);
  if (m) return utc(+m[1], +m[2], +m[3], m[4], m[5], m[6]);
  m = DAY_MONTH_YEAR.exec(t);
  if (m) {
    const [day, month] = order === 'DMY' ? [+m[1], +m[2]] : [+m[2], +m[1]];
    return utc(+m[3], month, day, m[4], m[5], m[6]);
  }
  return NaN;
}

/** For D/M/Y-shaped text: which orders are possible (a first part over 12 rules out MDY, a second over 12 DMY). */
export function possibleDayOrders(s: string): { dmy: boolean; mdy: boolean } | null {
  const m = DAY_MONTH_YEAR.exec(s.trim());
  if (!m) return null;
  return { dmy: +m[2] <= 12 && +m[1] <= 31, mdy: +m[1] <= 12 && +m[2] <= 31 };
}

function utc(y: number, mo: number, d: number, h?: string, mi?: string, sec?: string, frac?: string): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  const hours = h ? +h : 0;
  const minutes = mi ? +mi : 0;
  const seconds = sec ? +sec : 0;
  if (hours > 23 || minutes > 59 || seconds > 60) return NaN;
  const ms = Date.UTC(y, mo - 1, d, hours, minutes, seconds) + (frac ? Math.round(+frac * 1000) : 0);
  // Date.UTC rolls 31 February over into March: refuse it.
  if (new Date(ms).getUTCDate() !== d) return NaN;
  return ms;
}

/** Excel's serial date (days since 1899-12-30, the 1900 system) → epoch ms. */
export function excelSerialToEpochMs(serial: number): number {
  return Math.round((serial - 25569) * 86400000);
}

/** Every lower-case spelling isMissingText reads as no value (after trimming), for matching text outside JavaScript. */
export function missingTokens(): string[] {
  return [...MISSING, ...EXCEL_ERRORS];
}
