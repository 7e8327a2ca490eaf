import {
  isMissingText,
  parseBooleanText,
  parseDateText,
  parseNumberText,
  excelSerialToEpochMs,
} from '../../../shared/table/parse-value';

describe('parseNumberText', () => {
  it.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1,234,567.89', 1234567.89],
    ['1.234.567,89', 1234567.89],
    ['1 234 567', 1234567],
    ['$1,250.00', 1250],
    ['€ 99', 99],
    ['1250 USD', 1250],
    ['-$5', -5],
    ['(1,234)', -1234],
    ['12.5%', 0.125],
    ['  7  ', 7],
  ])('reads %p as %p', (text, value) => {
    expect(parseNumberText(text)).toBeCloseTo(value, 12);
  });

  it.each(['abc', '0x1F', 'Infinity', '-Infinity', 'NaN', '', '1,23', '12-3', '1.2.3', '--5'])('refuses %p', (text) => {
    expect(parseNumberText(text)).toBeNaN();
  });
});

describe('parseBooleanText', () => {
  it('reads the usual spellings of true and false', () => {
    expect(['TRUE', 'yes', 'Y', 't', '1'].map(parseBooleanText)).toEqual([1, 1, 1, 1, 1]);
    expect(['false', 'No', 'n', 'F', '0'].map(parseBooleanText)).toEqual([0, 0, 0, 0, 0]);
    expect(parseBooleanText('maybe')).toBeNaN();
  });
});

describe('parseDateText', () => {
  it('reads ISO dates and date-times as UTC unless an offset is written', () => {
    expect(parseDateText('2025-03-14')).toBe(Date.UTC(2025, 2, 14));
    expect(parseDateText('2025-03-14T10:22:05Z')).toBe(Date.UTC(2025, 2, 14, 10, 22, 5));
    expect(parseDateText('2025-03-14 10:22')).toBe(Date.UTC(2025, 2, 14, 10, 22));
    // 10:22 at +02:00 is 08:22 UTC.
    expect(parseDateText('2025-03-14T10:22:00+02:00')).toBe(Date.UTC(2025, 2, 14, 8, 22));
  });

  it('reads day/month/year by default and month/day/year when asked', () => {
    expect(parseDateText('03/04/2025')).toBe(Date.UTC(2025, 3, 3));
    expect(parseDateText('03/04/2025', 'MDY')).toBe(Date.UTC(2025, 2, 4));
    expect(parseDateText('14.03.2025')).toBe(Date.UTC(2025, 2, 14));
    expect(parseDateText('2025/3/14')).toBe(Date.UTC(2025, 2, 14));
  });

  it('refuses impossible dates rather than rolling them over', () => {
    expect(parseDateText('2025-02-30')).toBeNaN();
    expect(parseDateText('31/04/2025')).toBeNaN();
    expect(parseDateText('2025-13-01')).toBeNaN();
    expect(parseDateText('yesterday')).toBeNaN();
  });

  it('converts Excel serial dates (1900 system)', () => {
    // Serial 45730 is 2025-03-14: 45730 - 25569 = 20161 days after 1970-01-01.
    expect(excelSerialToEpochMs(45730)).toBe(Date.UTC(2025, 2, 14));
  });
});

describe('isMissingText', () => {
  it('treats blanks, null spellings and Excel error values as missing', () => {
    for (const s of ['', '  ', 'NA', 'n/a', 'NULL', 'none', '-', '#N/A', '#DIV/0!', '#VALUE!', 'NaN']) {
      expect(isMissingText(s)).toBe(true);
    }
    for (const s of ['0', 'no', 'North', 'n', '#1', 'Nancy']) expect(isMissingText(s)).toBe(false);
  });
});
