/**
 * An error in what the user supplied (a column, a row, an argument), as opposed to a fault of ours.
 * The server maps it to a GraphQL error with `extensions.code = "BAD_USER_INPUT"`; `field` names the argument or
 * column at fault so clients can highlight it. Messages start with the function or argument name and show the
 * offending value next to what was expected ("k=5 exceeds the 3 usable rows").
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** A request that asks for more than Quadrant allows (levels, rows, payload). Mapped to BAD_USER_INPUT as well. */
export class LimitError extends InputError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = 'LimitError';
  }
}
