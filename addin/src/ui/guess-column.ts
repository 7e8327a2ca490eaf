/**
 * Default column choices for the report panes, guessed from header names so that an analyst whose columns are
 * called `user_id`, `event`, `timestamp` can run with one click, and can always pick others.
 */

/**
 * The first header matching the patterns, tried in order (earlier patterns win), skipping `taken` columns; null
 * when none matches.
 * @example guessColumn(['ts', 'user_id', 'event'], [/^event$|step/i]) // 'event'
 */
export function guessColumn(header: readonly string[], patterns: readonly RegExp[], taken: readonly string[] = []) {
  for (const pattern of patterns) {
    const found = header.find((name) => pattern.test(name) && !taken.includes(name));
    if (found !== undefined) return found;
  }
  return null;
}

/** The header patterns each pane field tries, most specific first. */
export const GUESSES: Readonly<Record<string, readonly RegExp[]>> = {
  user: [/^(user|customer|visitor|client|account)[_ ]?id$/i, /user|customer|visitor|client|account/i],
  step: [/^(step|event|stage|action)s?$/i, /step|event|stage|action|page/i],
  time: [/^(timestamp|time|date|event_time|ts)$/i, /time|date/i],
  channel: [/^(acquisition_)?channel$/i, /channel|source|medium/i],
  converted: [/^converted$/i, /convert|purchas|paid|bought/i],
  value: [/^(ltv|clv|value|revenue)$/i, /ltv|clv|value|revenue|amount|spend|sales/i],
  segment: [/^segment$/i],
  spend: [/^(spend|cost)s?$/i, /spend|cost|budget/i],
  clicks: [/^clicks?$/i, /click/i],
  variant: [/^(variant|group|arm|bucket)$/i, /variant|group|arm|bucket|version/i],
  period: [/^(year|period|month|quarter|wave)$/i, /year|period|month|quarter|wave/i],
  sales: [/^(sales|revenue|amount|value)$/i, /sales|revenue|amount|value|spend/i],
  customer: [/^(customer|client)[_ ]?id$/i, /customer|client/i],
  date: [/^(date|invoice_?date|order_?date|timestamp)$/i, /date|time/i],
  amount: [/^(amount|total|revenue|value|price)$/i, /amount|total|revenue|value|spend|price/i],
};

/**
 * Distinct values of a column in order of first appearance, as text (null left out).
 * @example levels([['a'], ['b'], ['a']], 0) // ['a', 'b']
 */
export function levels(rows: readonly (readonly unknown[])[], column: number, max = 50): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const cell = row[column];
    if (cell === null || cell === '') continue;
    seen.add(String(cell));
    if (seen.size >= max) break;
  }
  return [...seen];
}
