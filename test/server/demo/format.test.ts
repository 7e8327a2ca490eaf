import { DAY_MS, cents, isoDate, isoDateTime, paddedId } from '../../../server/demo/format';

describe('isoDate(ms)', () => {
  it('gives the UTC calendar date whatever the time of day', () => {
    expect(isoDate(Date.UTC(2025, 2, 14, 23, 59, 59))).toBe('2025-03-14');
    expect(isoDate(Date.UTC(2024, 1, 28) + DAY_MS)).toBe('2024-02-29');
  });
});

describe('isoDateTime(ms)', () => {
  it('truncates to the whole second and ends in Z', () => {
    expect(isoDateTime(Date.UTC(2025, 2, 14, 10, 22, 5, 999))).toBe('2025-03-14T10:22:05Z');
  });
});

describe('cents(amount)', () => {
  it('rounds to two decimals', () => {
    expect(cents(12.3456)).toBe(12.35);
    expect(cents(0.004)).toBe(0);
  });
});

describe('paddedId(prefix, n, width)', () => {
  it('zero-pads the number to the width', () => {
    expect(paddedId('ACC-', 42, 5)).toBe('ACC-00042');
    expect(paddedId('U', 123456, 3)).toBe('U123456');
  });
});
