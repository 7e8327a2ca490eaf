import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PeriodSide {
  BASE = 'BASE',
  COMPARE = 'COMPARE',
}
registerEnumType(PeriodSide, { name: 'PeriodSide' });

export enum CountKind {
  CUSTOMERS = 'CUSTOMERS',
  TRANSACTIONS = 'TRANSACTIONS',
}
registerEnumType(CountKind, { name: 'CountKind', description: 'What the customer counts count.' });

@ObjectType({ description: 'Totals of a slice in both periods.' })
export class PeriodMeasures {
  @Field(() => Float) baseTotal!: number;
  @Field(() => Float) compareTotal!: number;
  @Field(() => Float, { description: 'compareTotal − baseTotal' }) change!: number;
  @Field(() => Float, { nullable: true, description: 'change / baseTotal' }) growth!: number | null;
  @Field(() => Int) baseCustomers!: number;
  @Field(() => Int) compareCustomers!: number;
  @Field(() => Float, { nullable: true, description: 'total / customers' }) baseAverageTicket!: number | null;
  @Field(() => Float, { nullable: true }) compareAverageTicket!: number | null;
}

@ObjectType({ description: 'One value of one dimension in both periods.' })
export class PeriodComparisonRow extends PeriodMeasures {
  @Field() dimension!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field(() => Float, { nullable: true, description: 'share of the base period’s total' }) baseShare!: number | null;
  @Field(() => Float, { nullable: true }) compareShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'compareShare − baseShare (0.02 = two points)' }) shareChange!:
    number | null;
  @Field(() => PeriodSide, { nullable: true, description: 'set when the value has rows in one period only' })
  onlyIn!: PeriodSide | null;
}

@ObjectType({ description: 'Two periods compared, in total and dimension by dimension.' })
export class PeriodComparison {
  @Field() base!: string;
  @Field() compare!: string;
  @Field(() => CountKind) counts!: CountKind;
  @Field(() => PeriodMeasures) totals!: PeriodMeasures;
  @Field(() => [PeriodComparisonRow]) rows!: PeriodComparisonRow[];
  @Field(() => [String]) warnings!: string[];
}
