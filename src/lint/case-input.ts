/**
 * @module lint/case-input
 * Turns a rule's test case into the LintInput the engine lints, the way a raw policy file is read:
 * the case document is printed as a JSON file, read with positions, and parsed. Kind detection
 * follows contract.md: a policy with `Principal` is a key policy, one without an identity policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { LintInput, LintTarget } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import { parsePolicy } from '../parse/policy.js';
import { readDocument } from '../source/document.js';
import { readLintInputFromText } from '../sources/index.js';
import type { CaseTarget, RuleCase } from './define-rule.js';

function hasPrincipal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if ('Principal' in v || 'NotPrincipal' in v) return true;
  const st = v.Statement;
  return Array.isArray(st) ? st.some(hasPrincipal) : hasPrincipal(st);
}

/** The kind of a raw policy: key policy when any statement has a Principal, else identity policy. */
export function detectPolicyKind(value: unknown): PolicyKind {
  return hasPrincipal(value) ? 'key' : 'identity';
}

/** The document a case stands for: the policy, or the target's fields. */
export function caseDocument(c: RuleCase<unknown>): unknown {
  if (c.text !== undefined) return readDocument(c.text, c.file ?? 'case.json').value;
  if (c.target === undefined) return c.policy;
  const { type: _type, ...fields } = c.target as CaseTarget & Record<string, unknown>;
  if (c.target.type === 'grant') return c.target.grant;
  return fields;
}

function keyConfigPointers(fields: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(fields)) if (k !== 'pointers') out[k] = `/${k}`;
  return out;
}

function caseTarget(t: CaseTarget, file: string, doc: unknown): LintTarget {
  const suppressions = new Map<string, string>();
  switch (t.type) {
    case 'key-config':
      return { ...t, file, pointer: '', pointers: t.pointers ?? keyConfigPointers(doc as Record<string, unknown>), hasPolicy: t.hasPolicy ?? true, suppressions };
    case 'grant':
      return { ...t, file, pointer: '', raw: doc, suppressions };
    case 'unresolved':
      return { ...t, file, pointer: '', suppressions };
  }
}

/**
 * Reads a case into a LintInput. The file name is made up (`<file>`), the text is the case
 * document printed with two-space indentation, which is what `line`/`column` in a case refer to.
 */
export function caseInput(c: RuleCase<unknown>, defaultFile: string): LintInput {
  const file = c.file ?? defaultFile;
  // Raw text is read exactly as `kms-authz lint` reads a file: any input shape, templates included.
  if (c.text !== undefined) return readLintInputFromText(c.text, file, c.kind === undefined ? {} : { kind: c.kind });
  const doc = caseDocument(c);
  const text = c.text ?? `${JSON.stringify(doc, null, 2)}\n`;
  const read = readDocument(text, file);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  let targets: LintTarget[];
  if (c.target !== undefined) {
    targets = [caseTarget(c.target, file, doc)];
  } else {
    const kind = c.kind ?? detectPolicyKind(read.value);
    const parsed = parsePolicy(read.value, { kind, id: `${kind}-policy:${file}`, file, pointer: '', locate: read.locate });
    diagnostics.push(...parsed.diagnostics);
    targets = [{ type: 'policy', file, kind, pointer: '', raw: read.value, text, embeddedAsString: false, policy: parsed.policy, suppressions: new Map(), ...(c.keyId === undefined ? {} : { keyId: c.keyId }) }];
  }
  return { file, shape: 'policy', targets, locate: read.locate, text, diagnostics };
}
