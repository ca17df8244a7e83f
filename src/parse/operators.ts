/**
 * @module parse/operators
 * The IAM condition operators, their families, and where policy variables are honoured.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/** An operator family: one compile/operators/<family>.ts each. */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** What the parser and the compiler need to know about a base operator. */
export interface OperatorInfo {
  readonly name: string;
  readonly family: OperatorFamily;
  /** A negated operator (StringNotEquals, NotIpAddress, …): several values combine as NOR. */
  readonly negated: boolean;
  /** Policy variables are resolved in its values. */
  readonly variables: boolean;
}

const table: [string, OperatorFamily, boolean][] = [
  ['StringEquals', 'string', false], ['StringNotEquals', 'string', true],
  ['StringEqualsIgnoreCase', 'string', false], ['StringNotEqualsIgnoreCase', 'string', true],
  ['StringLike', 'string', false], ['StringNotLike', 'string', true],
  ['NumericEquals', 'numeric', false], ['NumericNotEquals', 'numeric', true],
  ['NumericLessThan', 'numeric', false], ['NumericLessThanEquals', 'numeric', false],
  ['NumericGreaterThan', 'numeric', false], ['NumericGreaterThanEquals', 'numeric', false],
  ['DateEquals', 'date', false], ['DateNotEquals', 'date', true],
  ['DateLessThan', 'date', false], ['DateLessThanEquals', 'date', false],
  ['DateGreaterThan', 'date', false], ['DateGreaterThanEquals', 'date', false],
  ['Bool', 'bool', false],
  ['BinaryEquals', 'binary', false],
  ['IpAddress', 'ip', false], ['NotIpAddress', 'ip', true],
  ['ArnEquals', 'arn', false], ['ArnLike', 'arn', false], ['ArnNotEquals', 'arn', true], ['ArnNotLike', 'arn', true],
  ['Null', 'null', false],
];

/** Every base operator by its exact (case-sensitive) name. */
export const OPERATORS: ReadonlyMap<string, OperatorInfo> = new Map(
  table.map(([name, family, negated]) => [
    name,
    // Variables: String and ARN operators, and Bool (spec correction 4: the AWS pages disagree; we allow them).
    { name, family, negated, variables: family === 'string' || family === 'arn' || family === 'bool' },
  ]),
);

/** Looks an operator up ignoring case, for "did you mean" on a wrongly cased name. */
export function operatorIgnoringCase(name: string): OperatorInfo | undefined {
  const lower = name.toLowerCase();
  for (const info of OPERATORS.values()) if (info.name.toLowerCase() === lower) return info;
  return undefined;
}
