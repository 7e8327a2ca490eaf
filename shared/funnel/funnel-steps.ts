import type { FunnelStep, Percentiles } from './types';

/**
 * The report rows of a funnel from its counts: conversion from the previous step and from step 1, drop-off count
 * and rate, as Mixpanel and Amplitude print them. A ratio over zero users is 0 (the GraphQL fields are non-null), and
 * step 1 converts 1 from itself when anyone reached it.
 *
 * @param users users counted at each step (non-increasing).
 * @param usersWithEvent users with any event at each step.
 * @param medianSeconds per step, NaN where there is none; null without times.
 * @param timeToConvert per step, null where there is none; absent or null without times.
 * @example
 * funnelSteps(['visit', 'buy'], [200, 50], [200, 60], null)[1];
 * // { name: 'buy', users: 50, conversionFromPrevious: 0.25, conversionFromStart: 0.25, dropOff: 150,
 * //   dropOffRate: 0.75, medianSecondsFromPrevious: null, timeToConvert: null, usersWithEvent: 60 }
 */
export function funnelSteps(
  names: readonly string[],
  users: ArrayLike<number>,
  usersWithEvent: ArrayLike<number>,
  medianSeconds: ArrayLike<number> | null,
  timeToConvert?: readonly (Percentiles | null)[] | null,
): FunnelStep[] {
  const start = users[0];
  return names.map((name, i) => {
    const previous = i === 0 ? start : users[i - 1];
    const dropOff = previous - users[i];
    const median = medianSeconds && i > 0 ? medianSeconds[i] : NaN;
    return {
      name,
      users: users[i],
      conversionFromPrevious: ratio(users[i], previous),
      conversionFromStart: ratio(users[i], start),
      dropOff,
      dropOffRate: ratio(dropOff, previous),
      medianSecondsFromPrevious: Number.isNaN(median) ? null : median,
      timeToConvert: (i > 0 && timeToConvert?.[i]) || null,
      usersWithEvent: usersWithEvent[i],
    };
  });
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
