import { GraphQLRequestError } from '../../addin/src/api/graphql-client';
import { count, describeError } from '../../addin/src/ui/describe';

describe('describeError(error)', () => {
  test('describeError adds the GraphQL code to the server message', () => {
    expect(describeError(new GraphQLRequestError('features: no column "x"', 'BAD_USER_INPUT'))).toBe(
      'features: no column "x" (BAD_USER_INPUT)',
    );
  });

  test('describeError leaves messages that say what to do as they are', () => {
    expect(
      describeError(new GraphQLRequestError('Cannot reach the Quadrant server at x: check …', 'UNREACHABLE')),
    ).toBe('Cannot reach the Quadrant server at x: check …');
  });

  test("describeError names Excel's error code", () => {
    const error = Object.assign(new Error("A table can't overlap another table."), { code: 'InvalidArgument' });
    expect(describeError(error)).toBe("Excel: A table can't overlap another table. (InvalidArgument)");
  });

  test('describeError falls back to the value itself', () => {
    expect(describeError('boom')).toBe('Unexpected error: boom');
  });
});

describe('count(n, noun)', () => {
  test('count writes thousands separators and the plural', () => {
    expect(count(3000, 'row')).toBe('3,000 rows');
    expect(count(1, 'segment')).toBe('1 segment');
  });
});
