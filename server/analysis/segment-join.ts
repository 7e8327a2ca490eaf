import type { Context } from '../context';

/** The segment name of every keyed member of a stored segmentation, for joins on user id. */
export async function segmentLabelsByKey(
  ctx: Context,
  segmentationId: string,
): Promise<{ keys: string[]; values: (string | null)[] }> {
  return ctx.services.segmentations.membershipByKey(ctx.workspaceId, segmentationId);
}
