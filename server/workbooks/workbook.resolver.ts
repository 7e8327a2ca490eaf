import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { exportWorkbook } from './export-workbook';
import { WorkbookFile } from './workbook-file.type';

@Resolver()
export class WorkbookResolver {
  @Mutation(() => WorkbookFile, {
    description:
      'The labelled .xlsx of a stored run: the dataset’s rows with segment columns beside them (or, for an inline ' +
      'table, the members) and a results sheet with native charts, as `npx quadrant` writes it.',
  })
  exportWorkbook(@Arg('segmentationId', () => ID) segmentationId: string, @Ctx() ctx: Context): Promise<WorkbookFile> {
    return exportWorkbook(ctx, segmentationId);
  }
}
