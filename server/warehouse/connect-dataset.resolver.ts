import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { InputError } from '../../shared/errors';
import type { Context } from '../context';
import { validateName, WAREHOUSE_NEEDED } from '../datasets/dataset.service';
import { Dataset } from '../datasets/dataset.type';
import type { DatasetEntity } from '../storage/entities/dataset.entity';
import { ConnectDatasetInput } from './connect-dataset.input';

@Resolver(() => Dataset)
export class ConnectDatasetResolver {
  @Mutation(() => Dataset, {
    description:
      'Connects a table, view or query of the warehouse (QUADRANT_WAREHOUSE_URL, default the storage PostgreSQL): ' +
      'columns and types are read from the database, nothing is copied, and analyses run there.',
  })
  connectDataset(
    @Arg('input') input: ConnectDatasetInput,
    @Ctx() { services, workspaceId }: Context,
  ): Promise<DatasetEntity> {
    const name = validateName(input.name);
    const hasTable = input.table !== undefined && input.table !== null;
    const hasSql = input.sql !== undefined && input.sql !== null;
    if (hasTable === hasSql) throw new InputError('connectDataset: give exactly one of table and sql', 'input');
    if (!services.connected) throw new InputError(WAREHOUSE_NEEDED, 'input');
    return services.connected.connect(workspaceId, name, hasTable ? { table: input.table! } : { sql: input.sql! });
  }

  @FieldResolver(() => String, { nullable: true, description: 'CONNECTED only: the table or view it reads.' })
  table(@Root() dataset: DatasetEntity): string | null {
    return dataset.definition?.table ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'CONNECTED only: the query it reads.' })
  sql(@Root() dataset: DatasetEntity): string | null {
    return dataset.definition?.sql ?? null;
  }
}
