import { GUESSES, guessColumn, levels } from '../../addin/src/ui/guess-column';

describe('guessColumn(header, patterns, taken)', () => {
  test('guessColumn prefers the exact names, then any name containing the word', () => {
    expect(guessColumn(['customer_segment', 'user_id', 'event', 'timestamp'], GUESSES.user)).toBe('user_id');
    expect(guessColumn(['user_id', 'event_name', 'ts'], GUESSES.step)).toBe('event_name');
    expect(guessColumn(['a', 'b'], GUESSES.step)).toBeNull();
  });

  test('guessColumn skips columns already taken by another field', () => {
    expect(guessColumn(['customer_id', 'client'], GUESSES.customer, ['customer_id'])).toBe('client');
  });
});

describe('levels(rows, column)', () => {
  test('levels lists distinct values in order of first appearance, skipping empty cells', () => {
    expect(levels([['b'], [null], ['a'], ['b'], [''], [2024]], 0)).toEqual(['b', 'a', '2024']);
  });
});
