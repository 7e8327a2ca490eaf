import { correlationColumns, MAX_CORRELATION_COLUMNS } from '../../../shared/correlation/correlation-columns';
import { LimitError } from '../../../shared/errors';
import { category, numbers, table } from '../../helpers/columns';

describe('correlationColumns(table, columns, categorical)', () => {
  it('keeps numbers, expands listed and text columns into sorted indicators, missing stays missing', () => {
    const t = table(
      numbers('region', [2, 0, 10, null]),
      category('channel', ['Web', 'Email', null, 'Web']),
      numbers('spend', [1, 2, 3, 4]),
    );
    const columns = correlationColumns(t, ['spend', 'region', 'channel'], ['region']);
    expect(columns.map((c) => c.name)).toEqual([
      'spend',
      'region=0',
      'region=2',
      'region=10',
      'channel=Email',
      'channel=Web',
    ]);
    expect(Array.from(columns[3].values)).toEqual([0, 0, 1, NaN]);
    expect(Array.from(columns[5].values)).toEqual([1, 0, NaN, 1]);
  });

  it('takes a boolean column as one 0/1 column, as DataFrame.corr() does; listed as categorical, false before true', () => {
    const t = table({ name: 'paid', type: 'BOOLEAN', values: Float64Array.of(1, 0, NaN, 1) });
    const [paid] = correlationColumns(t, ['paid']);
    expect(paid.name).toBe('paid');
    expect(Array.from(paid.values)).toEqual([1, 0, NaN, 1]);
    expect(correlationColumns(t, ['paid'], ['paid']).map((c) => c.name)).toEqual(['paid=false', 'paid=true']);
  });

  it('refuses more than MAX_CORRELATION_COLUMNS columns after expansion', () => {
    const many = Array.from({ length: MAX_CORRELATION_COLUMNS + 1 }, (_, i) => numbers(`c${i}`, [1, 2]));
    expect(() =>
      correlationColumns(
        table(...many),
        many.map((c) => c.name),
      ),
    ).toThrow(LimitError);
  });

  it('refuses a column listed twice', () => {
    expect(() => correlationColumns(table(numbers('a', [1])), ['a', 'a'])).toThrow(
      /columns: column "a" is listed twice/,
    );
  });

  it('refuses a categorical column with no value at all', () => {
    const t = table(category('channel', [null, null]), numbers('x', [1, 2]));
    expect(() => correlationColumns(t, ['channel', 'x'])).toThrow(
      'columns: column "channel" has no value in any of the 2 rows',
    );
  });
});
