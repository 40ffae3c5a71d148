import { buildSchema, execute, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expandAllArguments } from './all-arguments.js';

// Arguments in an order that is not alphabetical: the variables must follow the schema's.
const schema = buildSchema(`
  enum Moment { REF VEL }
  input Box { west: Float!, east: Float! }
  type Frame { time: String!, elevation: Float!, moment: Moment! }
  type Site { id: ID!, volumes(to: String, from: String, first: Int = 50): [String!]! }
  type Query {
    frames(site: String!, elevation: Float! = 0.5, moment: Moment! = REF, limit: Int, first: Int = 50, azimuths: [[Float!]!], codes: [Int!]!, box: Box): [Frame!]!
    site(id: ID!): Site
    geoJsonUrl(site: String!): String!
    ping: Boolean
  }
  type Mutation { pause(source: String!): Boolean }
`);

const expand = (text: string) => print(expandAllArguments(schema, parse(text), 'ops/test.graphql'));
const same = (text: string) => print(parse(text));

describe('expandAllArguments', () => {
  it('passes every argument through as a same-named variable, in the schema order, typed as the schema types it', () => {
    expect(expand('query Frames { frames @allArguments { time } }')).toBe(
      same(`query Frames($site: String!, $elevation: Float, $moment: Moment, $limit: Int, $first: Int, $azimuths: [[Float!]!], $codes: [Int!]!, $box: Box) {
        frames(site: $site, elevation: $elevation, moment: $moment, limit: $limit, first: $first, azimuths: $azimuths, codes: $codes, box: $box) { time }
      }`),
    );
  });

  it('gives a non-null argument with a default a nullable variable without one, so that leaving it out applies the server default', () => {
    const document = expandAllArguments(schema, parse('query Frames { frames @allArguments { elevation moment } }'), 'ops/test.graphql');
    expect(validate(schema, document)).toEqual([]);
    const frames = (args: { elevation: number; moment: string }) => [{ time: 't', ...args }];
    const result = execute({ schema, document, rootValue: { frames }, variableValues: { site: 'KLOT', codes: [] } });
    expect(result).toEqual({ data: { frames: [{ elevation: 0.5, moment: 'REF' }] } });
  });

  it('keeps the variables the operation declares first, other directives, aliases, and expands nested fields', () => {
    expect(expand('query Volumes($extra: Int) { s: site @allArguments @include(if: true) { volumes @allArguments } ping }')).toBe(
      same('query Volumes($extra: Int, $id: ID!, $to: String, $from: String, $first: Int) { s: site(id: $id) @include(if: true) { volumes(to: $to, from: $from, first: $first) } ping }'),
    );
  });

  it('lets another field pass the variables a marked field declared', () => {
    const text = 'query Cells { frames @allArguments { time } geoJsonUrl(site: $site) }';
    expect(validate(schema, expandAllArguments(schema, parse(text), 'ops/test.graphql'))).toEqual([]);
  });

  it('expands mutations and leaves documents without the marker as they are', () => {
    expect(expand('mutation Pause { pause @allArguments }')).toBe(same('mutation Pause($source: String!) { pause(source: $source) }'));
    const plain = parse('query Site($id: ID!) { site(id: $id) { id } } fragment F on Site { id }');
    expect(expandAllArguments(schema, plain, 'ops/test.graphql')).toBe(plain);
  });

  it.each([
    ['a field the schema does not have', 'query Q { nope @allArguments }', 'ops/test.graphql: query Q: @allArguments on nope: Query has no field nope'],
    ['a field that passes arguments already', 'query Q($id: ID!) { site(id: $id) @allArguments { id } }', 'ops/test.graphql: query Q: @allArguments on site: the field passes arguments already'],
    ['a field without arguments', 'query Q { ping @allArguments }', 'ops/test.graphql: query Q: @allArguments on ping: the field takes no arguments'],
    ['a variable the operation declares', 'query Q($site: String) { frames @allArguments { time } }', 'ops/test.graphql: query Q: @allArguments on frames: variable $site is declared already'],
    [
      'a variable another marked field declares',
      'query Q { frames @allArguments { time } geoJsonUrl @allArguments }',
      'ops/test.graphql: query Q: @allArguments on geoJsonUrl: variable $site is declared already',
    ],
    ['the marker in a fragment', 'fragment F on Site { volumes @allArguments }', 'ops/test.graphql: fragment F: @allArguments on volumes belongs in an operation'],
  ])('refuses %s, naming the file and operation', (_, text, message) => {
    expect(() => expandAllArguments(schema, parse(text), 'ops/test.graphql')).toThrow(message);
  });
});
