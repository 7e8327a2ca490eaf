import { uniqueSheetName } from '../../addin/src/excel/sheet-name';

describe('uniqueSheetName(existing, base)', () => {
  test('uniqueSheetName returns the base name when it is free', () => {
    expect(uniqueSheetName(['Sheet1'], 'Quadrant segments')).toBe('Quadrant segments');
  });

  test('uniqueSheetName numbers from (2) upwards, skipping taken numbers', () => {
    expect(uniqueSheetName(['Quadrant segments'], 'Quadrant segments')).toBe('Quadrant segments (2)');
    expect(
      uniqueSheetName(['Quadrant segments', 'Quadrant segments (2)', 'Quadrant segments (4)'], 'Quadrant segments'),
    ).toBe('Quadrant segments (3)');
  });

  test('uniqueSheetName compares names without regard to case, as Excel does', () => {
    expect(uniqueSheetName(['QUADRANT SEGMENTS', 'quadrant segments (2)'], 'Quadrant segments')).toBe(
      'Quadrant segments (3)',
    );
  });
});
