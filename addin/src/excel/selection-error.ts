/**
 * A problem with what the user selected that they can fix in the sheet (an empty header cell, a selection too large
 * to read). The pane shows its message as is, so the message says what is wrong and where.
 */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}
