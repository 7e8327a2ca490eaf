import type { SegmentProfile } from './types';

/** A numeric feature names a segment when |standardised difference| reaches this. */
export const MIN_DIFFERENCE = 0.5;
/** A level names a segment when its share reaches this many times its overall share … */
export const MIN_LIFT = 1.5;
/** … and this share of the segment. */
export const MIN_SHARE = 0.4;
/** Most traits in one name. */
export const MAX_TRAITS = 3;

export interface NameOptions {
  /** Display names for levels, by column then level: { region: { '0': 'North America' } }. */
  levelNames?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Which segments are outliers (same order as the segments); their names start with "Outliers". */
  isOutlier?: readonly boolean[];
}

/**
 * Gives each segment a short, readable, unique name from its most distinguishing traits
 * ("High CLV · Western Europe · LinkedIn"). The rules:
 *
 * | trait           | counts when                                   | reads             | strength                |
 * |-----------------|-----------------------------------------------|-------------------|-------------------------|
 * | numeric feature | standardised difference ≥ 0.5 or ≤ −0.5       | "High X", "Low X" | abs(difference)         |
 * | level           | share ≥ 1.5 × overall share p and share ≥ 40% | the level         | (share − p) / √(p(1−p)) |
 *
 * - The level strength is the standardised difference of the level's 0/1 indicator (p = overall share), so both
 *   kinds of trait rank on one scale; the strongest MAX_TRAITS traits are joined by " · ", at most one level per
 *   column; ties keep the profile's order (features first).
 * - A level reads as its `levelNames` entry when given; otherwise "true" reads as the column name, "false" as
 *   "Not <column>", a number as "<column>=<level>" (a bare "2" says nothing), any other text as itself.
 * - A segment with no trait is "Typical". Outlier segments read "Outliers · " and their two strongest traits.
 * - Names stay unique: a repeated name gets " (2)", " (3)", … in segment order, skipping any name already in use.
 * Deterministic: the same profiles always give the same names.
 *
 * @example
 * nameSegments(profiles, { levelNames: { region: { '1': 'Western Europe' } } });
 * // ['High CLV · Western Europe · LinkedIn', 'Low visits', 'Typical']
 */
export function nameSegments(segments: readonly SegmentProfile[], options: NameOptions = {}): string[] {
  const base = segments.map((segment, s) => {
    const outlier = options.isOutlier?.[s] ?? false;
    const traits = segmentTraits(segment, options.levelNames ?? {}).slice(0, outlier ? MAX_TRAITS - 1 : MAX_TRAITS);
    if (outlier) return ['Outliers', ...traits].join(' · ');
    return traits.length > 0 ? traits.join(' · ') : 'Typical';
  });
  const taken = new Set(base);
  const seen = new Set<string>();
  return base.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name} (${n})`)) n++;
    const unique = `${name} (${n})`;
    taken.add(unique);
    return unique;
  });
}

/** The segment's qualifying traits, strongest first. */
function segmentTraits(
  segment: SegmentProfile,
  levelNames: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string[] {
  const traits: { text: string; strength: number }[] = [];
  for (const f of segment.features) {
    if (f.difference === null || Math.abs(f.difference) < MIN_DIFFERENCE) continue;
    traits.push({ text: `${f.difference > 0 ? 'High' : 'Low'} ${f.name}`, strength: Math.abs(f.difference) });
  }
  const strongestLevel = new Map<string, { text: string; strength: number }>();
  for (const c of segment.categories) {
    const p = c.overallShare;
    if (segment.size === 0 || c.share < MIN_SHARE || c.share < MIN_LIFT * p || p >= 1) continue;
    const strength = (c.share - p) / Math.sqrt(p * (1 - p));
    const current = strongestLevel.get(c.column);
    if (!current || strength > current.strength) {
      strongestLevel.set(c.column, { text: levelText(c.column, c.level, levelNames), strength });
    }
  }
  traits.push(...strongestLevel.values());
  return traits
    .map((trait, order) => ({ ...trait, order }))
    .sort((a, b) => b.strength - a.strength || a.order - b.order)
    .map((t) => t.text);
}

function levelText(
  column: string,
  level: string,
  levelNames: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string {
  const named = levelNames[column]?.[level];
  if (named !== undefined) return named;
  if (level === 'true') return column;
  if (level === 'false') return `Not ${column}`;
  if (level.trim() !== '' && Number.isFinite(Number(level))) return `${column}=${level}`;
  return level;
}
