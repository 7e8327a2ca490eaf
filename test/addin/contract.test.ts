import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import {
  ASSIGN_MUTATION,
  COHORTS_QUERY,
  COMPARISON_QUERY,
  CHANNELS_QUERY,
  CORRELATIONS_QUERY,
  EXPERIMENT_QUERY,
  FUNNEL_QUERY,
  STORED_RUNS_QUERY,
} from '../../addin/src/api/reports';
import {
  CANCEL_RUN,
  RFM_MEMBERS,
  RFM_RESULT,
  RUN_RESULT,
  RUN_RESULT_WITH_METRICS,
  RUN_STATUS,
  START_RFM,
  START_SEGMENT,
} from '../../addin/src/api/segment';
import { projectRoot } from '../../server/paths';

describe('the add-in against the server contract', () => {
  const schema = buildSchema(readFileSync(join(projectRoot(), 'schema/schema.graphql'), 'utf8'));
  const errors = (query: string) => validate(schema, parse(query)).map((e) => e.message);

  test.each([
    ['START_SEGMENT', START_SEGMENT],
    ['START_RFM', START_RFM],
    ['RUN_STATUS', RUN_STATUS],
    ['CANCEL_RUN', CANCEL_RUN],
    ['RUN_RESULT', RUN_RESULT],
    ['RUN_RESULT_WITH_METRICS', RUN_RESULT_WITH_METRICS],
    ['RFM_RESULT', RFM_RESULT],
    ['RFM_MEMBERS', RFM_MEMBERS],
    ['FUNNEL_QUERY', FUNNEL_QUERY],
    ['CHANNELS_QUERY', CHANNELS_QUERY],
    ['EXPERIMENT_QUERY', EXPERIMENT_QUERY],
    ['COMPARISON_QUERY', COMPARISON_QUERY],
    ['CORRELATIONS_QUERY', CORRELATIONS_QUERY],
    ['COHORTS_QUERY', COHORTS_QUERY],
    ['ASSIGN_MUTATION', ASSIGN_MUTATION],
    ['STORED_RUNS_QUERY', STORED_RUNS_QUERY],
  ])('%s is a valid operation against schema/schema.graphql', (_name, query) => {
    expect(errors(query)).toEqual([]);
  });

  test('the check can fail: a field the schema lacks is reported', () => {
    expect(errors(RUN_RESULT.replace('labels', 'labelz'))).toEqual([
      'Cannot query field "labelz" on type "Segmentation". Did you mean "labels"?',
    ]);
  });
});
