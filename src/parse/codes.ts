/**
 * @module parse/codes
 * Every diagnostic code the readers (src/source) and the parser (src/parse) emit, with what it
 * means and the AWS page it follows: the registry a linter maps to its rules (a meta-test keeps
 * it in step with the code). `schema/<keyword>` codes come from parse/shape.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Severity } from '../model/diagnostic.js';

/** What one diagnostic code means. */
export interface CodeInfo {
  readonly severity: Severity;
  readonly summary: string;
  readonly docUrl: string;
}

const GRAMMAR = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html';
const ELEMENTS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html';
const OPERATORS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

/** Code → meaning. */
export const PARSE_CODES: Readonly<Record<string, CodeInfo>> = {
  'source/missing-file': { severity: 'error', summary: 'the file does not exist', docUrl: GRAMMAR },
  'source/unreadable': { severity: 'error', summary: 'the file cannot be read (a directory, no permission)', docUrl: GRAMMAR },
  'parse/invalid-json': { severity: 'error', summary: 'JSON syntax error (or an undecodable URL-encoded document)', docUrl: GRAMMAR },
  'parse/invalid-yaml': { severity: 'error', summary: 'YAML syntax error', docUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html' },
  'parse/yaml-warning': { severity: 'warning', summary: 'YAML the parser accepted with a warning', docUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html' },
  'parse/duplicate-key': { severity: 'warning', summary: 'a JSON key repeated in one object: only the last takes effect', docUrl: GRAMMAR },
  'parse/bare-statement': { severity: 'error', summary: 'a statement given where a policy document belongs', docUrl: GRAMMAR },
  'parse/invalid-type': { severity: 'error', summary: 'an element of the wrong JSON type (numberAsString is a warning)', docUrl: GRAMMAR },
  'parse/invalid-version': { severity: 'error', summary: 'Version other than 2012-10-17 or 2008-10-17', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html' },
  'parse/missing-element': { severity: 'error', summary: 'a required element is missing (Statement, Effect, Action, Principal, Resource; grant fields)', docUrl: ELEMENTS },
  'parse/unexpected-element': { severity: 'error', summary: 'an element this policy kind does not allow (Principal in an identity policy)', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html' },
  'parse/unknown-element': { severity: 'error', summary: 'an unknown or wrongly cased element', docUrl: ELEMENTS },
  'parse/conflicting-elements': { severity: 'error', summary: 'both Action and NotAction (or Resource/NotResource, Principal/NotPrincipal)', docUrl: ELEMENTS },
  'parse/invalid-effect': { severity: 'error', summary: 'Effect other than Allow or Deny', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html' },
  'parse/duplicate-sid': { severity: 'warning', summary: 'two statements with the same Sid', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html' },
  'parse/invalid-action': { severity: 'error', summary: 'an action with whitespace or not of the form service:action', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html' },
  'parse/invalid-resource': { severity: 'error', summary: 'a resource with whitespace, not an ARN, or with a wildcard in the service segment', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html' },
  'parse/invalid-principal': { severity: 'error', summary: 'a principal with whitespace, a partial wildcard, or not an account id or ARN', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html' },
  'parse/unknown-principal-type': { severity: 'error', summary: 'a Principal key other than AWS, Service, Federated, CanonicalUser', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html' },
  'parse/unknown-operator': { severity: 'error', summary: 'an unknown or wrongly cased condition operator, or Null with IfExists', docUrl: OPERATORS },
  'parse/invalid-condition-key': { severity: 'error', summary: 'a condition key that is empty or contains whitespace', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html' },
  'parse/invalid-condition-value': { severity: 'error', summary: 'a value a typed operator can never match (number, date, CIDR, base 64, boolean)', docUrl: OPERATORS },
  'parse/invalid-variable': { severity: 'warning', summary: 'a malformed policy variable, or one before the resource part of an ARN', docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html' },
  'parse/invalid-grant-operation': { severity: 'error', summary: 'a grant operation CreateGrant does not accept', docUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations' },
};
