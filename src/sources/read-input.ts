/**
 * @module sources/read-input
 * One file's text → LintInput: parse JSON/YAML with positions, detect the input shape
 * (lint-catalogue.md §5), and hand it to that shape's reader. A raw policy's kind is detected
 * (Principal → key policy, else identity policy; contract.md) unless `--kind` says otherwise.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { LintInput } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import { detectFormat, readDocument } from '../source/document.js';
import { cliShape, readCli } from './aws-cli.js';
import { isCdkTemplate, isCloudFormation, readCloudFormation } from './cloudformation.js';
import { InputBuilder } from './input-builder.js';
import { isTerraformPlan, readTerraformPlan } from './terraform-plan.js';
import { isWorld, readWorld } from './world-file.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Options of {@link readLintInputFromText}. */
export interface ReadTextOptions {
  /** `--kind`: the kind of a raw policy (shapes that fix the kind keep theirs). */
  readonly kind?: PolicyKind;
}

const STATEMENT_KEYS = ['Effect', 'Action', 'NotAction', 'Principal', 'NotPrincipal', 'Resource', 'NotResource', 'Condition'];

/** The shape of a parsed value: which reader takes it. */
export function detectShape(value: unknown, file: string): string {
  if (isTerraformPlan(value)) return 'terraform-plan';
  if (isCloudFormation(value)) return isCdkTemplate(value) || /(^|[/\\])cdk\.out[/\\]/.test(file) ? 'cdk' : 'cloudformation';
  const cli = cliShape(value);
  if (cli !== undefined) return cli;
  if (isWorld(value)) return 'world';
  if (isObj(value) && 'Statement' in value) return 'policy';
  if (isObj(value) && STATEMENT_KEYS.some((k) => k in value)) return 'statement';
  if (Array.isArray(value) && value.length > 0 && value.every((s) => isObj(s) && STATEMENT_KEYS.some((k) => k in s))) return 'statements';
  return 'unrecognized';
}

/**
 * Reads one file's text. Never throws: a file that is not JSON/YAML, or whose shape no reader knows,
 * comes back `fatal` with a diagnostic saying why.
 */
export function readLintInputFromText(text: string, file: string, opts: ReadTextOptions = {}): LintInput {
  const doc = readDocument(text, file);
  const format = detectFormat(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
  // Positions from readDocument are in the text without a byte-order mark.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const b = new InputBuilder(file, body, doc, format, opts.kind);
  if (doc.diagnostics.some((d) => d.severity === 'error') || doc.value === undefined) {
    if (doc.value === undefined && doc.diagnostics.length === 0) b.report('source/empty', 'error', '', 'file is empty');
    return b.build(format, true);
  }
  const value = doc.value;
  const shape = detectShape(value, file);
  switch (shape) {
    case 'terraform-plan':
      readTerraformPlan(b, value as Obj);
      break;
    case 'cloudformation':
    case 'cdk':
      readCloudFormation(b, value as Obj);
      break;
    case 'world':
      readWorld(b, value as Obj);
      break;
    case 'policy':
    case 'statement':
    case 'statements':
      // parsePolicy reads a bare statement (or a list of them) as a one-policy document and says so.
      b.addPolicy('', value, undefined, { resourceName: file.split(/[/\\]/).pop() ?? file });
      break;
    case 'unrecognized':
      b.report('source/unrecognized-shape', 'error', '', 'not a policy, statement, CloudFormation/CDK template, Terraform plan, world file or AWS CLI output that kms-authz reads');
      return b.build(shape, true);
    default:
      readCli(b, value as Obj, shape);
  }
  return b.build(shape);
}
