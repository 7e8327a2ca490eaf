import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'A live table, view or query of the warehouse database to analyse in place; exactly one of table and sql.',
})
export class ConnectDatasetInput {
  @Field()
  name!: string;

  @Field({ nullable: true, description: 'A table or view: "events" or "schema.events".' })
  table?: string;

  @Field({ nullable: true, description: 'A SELECT query, read as a subquery in a read-only transaction.' })
  sql?: string;
}
