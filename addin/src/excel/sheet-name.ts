/**
 * A new worksheet's name that clashes with none of the workbook's: `base`, then `base (2)`, `base (3)`, … Excel
 * compares sheet names without regard to case, so this does too. Results go to a new sheet rather than replacing
 * an old one because deleting or renaming a sheet wipes the user's undo stack.
 * @example uniqueSheetName(['Data', 'quadrant segments'], 'Quadrant segments') // 'Quadrant segments (2)'
 */
export function uniqueSheetName(existing: readonly string[], base: string): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  return name;
}
