/**
 * @module sources/suppressions
 * Inline suppressions, each of which must give a reason (lint-catalogue.md §4.4; a suppression
 * without one is not honoured and is itself reported). Three forms, one per input family:
 *
 * - CloudFormation / CDK, on the resource (as cfn_nag and Checkov do with `Metadata`):
 *   `Metadata: { kms-authz: { suppress: [ { rule: KMS101, reason: "org-scoped by aws:PrincipalOrgID" } ] } }`
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-metadata.html
 * - Terraform: HCL comments do not reach `terraform show -json`, so a resource tag does:
 *   `tags = { "kms-authz:suppress:KMS501" = "HMAC key: cannot rotate" }` (tag key names the rule,
 *   the value is the reason; AWS tag values allow letters, digits, spaces and `_ . : / = + - @`).
 *   https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 * - Any policy, one statement: a Sid ending `KmsAuthzIgnore<RuleIds>Because<Reason>`, e.g.
 *   `PartnerDecryptKmsAuthzIgnoreKMS102BecausePartnerIsContracted`. Sids allow only [A-Za-z0-9]
 *   (IAM Sid element page), so the reason is CamelCase and is read back as words.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
 */
import type { NormalizedPolicy } from '../model/policy.js';
import type { StatementSuppression, SuppressionSite } from '../model/lint.js';

const RULE_ID = /^KMS\d{3}$/;
const SID_FORM = /KmsAuthzIgnore((?:KMS\d{3})+)(?:Because([A-Za-z0-9]+))?$/;

/** A suppression that names a rule but gives no reason. */
export interface UnreasonedSuppression {
  readonly ruleId: string;
  /** Pointer of the place that holds it (relative to the policy for Sids, absolute otherwise). */
  readonly pointer: string;
}

/** Suppressions read from one place, split into honoured ones and ones lacking a reason. */
export interface ReadSuppressions {
  readonly map: Map<string, string>;
  /** Pointer of each honoured entry, by rule id. */
  readonly at: Map<string, string>;
  readonly missingReason: UnreasonedSuppression[];
  /** Entries that are not suppressions at all (wrong shape, unknown rule id): pointer + message. */
  readonly invalid: { pointer: string; message: string }[];
}

/** `PartnerIsContracted` → `partner is contracted`. */
function words(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The statement-scoped suppressions of a policy's Sids. */
export function sidSuppressions(policy: NormalizedPolicy): { valid: StatementSuppression[]; missingReason: UnreasonedSuppression[] } {
  const valid: StatementSuppression[] = [];
  const missingReason: UnreasonedSuppression[] = [];
  for (const s of policy.statements) {
    if (!s.ref.sid.includes('KmsAuthzIgnore')) continue;
    const m = SID_FORM.exec(s.ref.sid);
    if (m === null) continue;
    const ids = m[1].match(/KMS\d{3}/g) ?? [];
    for (const ruleId of ids) {
      if (m[2] === undefined) missingReason.push({ ruleId, pointer: `${s.ref.pointer}/Sid` });
      else valid.push({ ruleId, reason: words(m[2]), statementPointer: s.ref.pointer });
    }
  }
  return { valid, missingReason };
}

/** Reads `Metadata.kms-authz.suppress` of a CloudFormation resource at `pointer`. */
export function cfnSuppressions(metadata: unknown, pointer: string): ReadSuppressions {
  const out: ReadSuppressions = { map: new Map(), at: new Map(), missingReason: [], invalid: [] };
  if (typeof metadata !== 'object' || metadata === null) return out;
  const own = (metadata as Record<string, unknown>)['kms-authz'];
  if (own === undefined) return out;
  const base = `${pointer}/Metadata/kms-authz`;
  const list = typeof own === 'object' && own !== null ? (own as Record<string, unknown>).suppress : undefined;
  if (!Array.isArray(list)) {
    out.invalid.push({ pointer: base, message: '`kms-authz` metadata must be `{ suppress: [ { rule: KMSnnn, reason: "…" } ] }`' });
    return out;
  }
  list.forEach((entry: unknown, i) => {
    const p = `${base}/suppress/${String(i)}`;
    const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const rule = e.rule;
    if (typeof rule !== 'string' || !RULE_ID.test(rule)) {
      out.invalid.push({ pointer: p, message: 'a suppression needs `rule: KMSnnn` (the rule id)' });
      return;
    }
    if (typeof e.reason !== 'string' || e.reason.trim() === '') out.missingReason.push({ ruleId: rule, pointer: p });
    else {
      out.map.set(rule, e.reason.trim());
      out.at.set(rule, p);
    }
  });
  return out;
}

/** Reads `kms-authz:suppress:KMSnnn` tags (Terraform `tags`, a map of strings) at `pointer`. */
export function tagSuppressions(tags: unknown, pointer: string): ReadSuppressions {
  const out: ReadSuppressions = { map: new Map(), at: new Map(), missingReason: [], invalid: [] };
  if (typeof tags !== 'object' || tags === null) return out;
  for (const [key, value] of Object.entries(tags as Record<string, unknown>)) {
    if (!key.startsWith('kms-authz:suppress')) continue;
    const p = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const rule = key.slice('kms-authz:suppress:'.length);
    if (!RULE_ID.test(rule)) out.invalid.push({ pointer: p, message: `suppression tag \`${key}\` must be \`kms-authz:suppress:KMSnnn\`` });
    else if (typeof value !== 'string' || value.trim() === '') out.missingReason.push({ ruleId: rule, pointer: p });
    else {
      out.map.set(rule, value.trim());
      out.at.set(rule, p);
    }
  }
  return out;
}

/**
 * True when a statement suppression covers a finding of `ruleId` at `pointer` (relative to the
 * same policy document): the one test behind every Sid-form suppression (the lint engine's and
 * {@link applyStatementSuppressions}).
 */
export function suppressionCovers(s: StatementSuppression, ruleId: string, pointer: string): boolean {
  return s.ruleId === ruleId && (pointer === s.statementPointer || pointer.startsWith(`${s.statementPointer}/`));
}

/** A finding as far as suppression cares. */
interface Suppressible {
  readonly ruleId: string;
  readonly pointer: string;
}

/**
 * Drops findings covered by statement-scoped suppressions (the Sid form): a finding of the named
 * rule whose pointer lies inside that statement. Returns the kept findings and how many went.
 */
export function applyStatementSuppressions<F extends Suppressible>(
  findings: readonly F[],
  scoped: readonly { readonly base: string; readonly s: StatementSuppression }[],
): { kept: F[]; suppressed: number } {
  if (scoped.length === 0) return { kept: [...findings], suppressed: 0 };
  const kept: F[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const hit = scoped.some(({ base, s }) => f.pointer.startsWith(base) && suppressionCovers(s, f.ruleId, f.pointer.slice(base.length)));
    if (hit) suppressed++;
    else kept.push(f);
  }
  return { kept, suppressed };
}

/** A finding as unused-suppression checking sees it. */
interface Located {
  readonly ruleId: string;
  readonly pointer: string;
}

/**
 * The suppression sites that cover no finding of their rule. `findings` must be the findings as
 * they would be without any suppression (the caller lints the file again without them).
 */
export function unusedSuppressions(sites: readonly SuppressionSite[], findings: readonly Located[]): SuppressionSite[] {
  return sites.filter((s) => !findings.some((f) => f.ruleId === s.ruleId && (f.pointer === s.covers || f.pointer.startsWith(s.covers + '/') || s.covers === '')));
}
