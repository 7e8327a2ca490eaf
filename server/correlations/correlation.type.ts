import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CorrelationMethod } from './correlation.input';

@ObjectType({ description: "One column's correlation with the target." })
export class TargetCorrelation {
  @Field() column!: string;
  @Field(() => Float, { nullable: true, description: 'null when undefined (a constant column)' }) r!: number | null;
  @Field(() => Float, { nullable: true }) pValue!: number | null;
  @Field(() => Int, { description: 'rows with a value in both' }) rows!: number;
}

@ObjectType({ description: 'Pairwise correlations (rows missing in a pair left out of that pair) with p-values.' })
export class CorrelationReport {
  @Field(() => CorrelationMethod) method!: CorrelationMethod;
  @Field(() => [String], { description: 'The columns after expansion, in matrix order.' }) columns!: string[];
  @Field(() => [[Float]], { description: 'r of every pair; null where undefined.' }) matrix!: (number | null)[][];
  @Field(() => [[Float]], { description: 'Two-sided p-values (scipy pearsonr / spearmanr).' }) pValues!: (
    number | null
  )[][];
  @Field(() => [[Int]], { description: 'Rows complete in each pair.' }) pairRows!: number[][];
  @Field(() => Int, { description: 'Input rows read.' }) rows!: number;
  @Field(() => [TargetCorrelation], { description: 'The target against every other column, by |r|; [] without one.' })
  target!: TargetCorrelation[];
  @Field(() => [String]) warnings!: string[];
}
