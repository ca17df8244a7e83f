/**
 * @module catalogue/condition-keys
 * AWS KMS condition keys and the global keys that matter for KMS, with value type and
 * single/multi-valued (kms-authorization.md §5.1 + corrections, §5.2).
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
 */
import type { ConditionKeyInfo, ConditionKeyType, PolicyPlace } from './types.js';

const CK = 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html';
const NE = 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html';
const GK = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';

type Row = [name: string, type: ConditionKeyType, multi: boolean, url: string, places?: readonly PolicyPlace[], extra?: Partial<ConditionKeyInfo>];
const IAM_ONLY: readonly PolicyPlace[] = ['iam-policy'];

const ROWS: readonly Row[] = [
  ['kms:BypassPolicyLockoutSafetyCheck', 'Bool', false, CK],
  ['kms:CallerAccount', 'String', false, CK],
  ['kms:CustomerMasterKeySpec', 'String', false, CK, undefined, { replacedBy: 'kms:KeySpec' }],
  ['kms:CustomerMasterKeyUsage', 'String', false, CK, undefined, { replacedBy: 'kms:KeyUsage' }],
  ['kms:DataKeyPairSpec', 'String', false, CK],
  ['kms:EncryptionAlgorithm', 'String', false, CK],
  ['kms:EncryptionContext:${EncryptionContextKey}', 'String', false, CK],
  ['kms:EncryptionContextKeys', 'String', true, CK],
  ['kms:ExpirationModel', 'String', false, CK],
  ['kms:GrantConstraintType', 'String', false, CK],
  ['kms:GrantConstraintSourceArn', 'ARN', false, CK],
  ['kms:GrantIsForAWSResource', 'Bool', false, CK],
  ['kms:GrantOperations', 'String', true, CK],
  ['kms:GranteePrincipal', 'String', false, CK],
  ['kms:GranteeServicePrincipal', 'String', false, CK],
  ['kms:KeyAgreementAlgorithm', 'String', false, CK],
  ['kms:KeyOrigin', 'String', false, CK],
  ['kms:KeySpec', 'String', false, CK],
  ['kms:KeyUsage', 'String', false, CK],
  ['kms:MacAlgorithm', 'String', false, CK],
  ['kms:MessageType', 'String', false, CK],
  ['kms:MultiRegion', 'Bool', false, CK],
  ['kms:MultiRegionKeyType', 'String', false, CK],
  ['kms:PrimaryRegion', 'String', false, CK],
  ['kms:ReEncryptOnSameKey', 'Bool', false, CK],
  ['kms:RecipientAttestation:${AttestationKey}', 'String', false, NE],
  ['kms:ReplicaRegion', 'String', false, CK],
  ['kms:RequestAlias', 'String', false, CK],
  ['kms:ResourceAliases', 'String', true, CK, IAM_ONLY],
  ['kms:RetiringPrincipal', 'String', false, CK],
  ['kms:RetiringServicePrincipal', 'String', false, CK],
  ['kms:RotationPeriodInDays', 'Numeric', false, CK],
  ['kms:ScheduleKeyDeletionPendingWindowInDays', 'Numeric', false, CK],
  ['kms:SigningAlgorithm', 'String', false, CK],
  ['kms:TrailingDaysWithoutKeyUsage', 'Numeric', false, CK],
  // Date in the service authorization reference; the conditions page's example compares it with Numeric operators.
  ['kms:ValidTo', 'Date', false, CK, undefined, { alsoAccepts: ['Numeric'] }],
  ['kms:ViaService', 'String', false, CK],
  ['kms:WrappingAlgorithm', 'String', false, CK],
  ['kms:WrappingKeySpec', 'String', false, CK],
  // Global keys (GK), as they apply to KMS requests.
  ['aws:PrincipalArn', 'ARN', false, GK],
  ['aws:PrincipalAccount', 'String', false, GK],
  ['aws:PrincipalOrgID', 'String', false, GK],
  ['aws:PrincipalOrgPaths', 'String', true, GK],
  ['aws:PrincipalTag/${TagKey}', 'String', false, GK],
  ['aws:PrincipalIsAWSService', 'Bool', false, GK],
  ['aws:PrincipalServiceName', 'String', false, GK],
  ['aws:PrincipalServiceNamesList', 'String', true, GK],
  ['aws:PrincipalType', 'String', false, GK],
  ['aws:userid', 'String', false, GK],
  ['aws:username', 'String', false, GK],
  ['aws:ResourceAccount', 'String', false, GK],
  ['aws:ResourceOrgID', 'String', false, GK],
  ['aws:ResourceOrgPaths', 'String', true, GK],
  // "aws:ResourceTag … isn't supported in key policies" (tag-authorization.html).
  ['aws:ResourceTag/${TagKey}', 'String', false, GK, IAM_ONLY],
  ['aws:RequestTag/${TagKey}', 'String', false, GK],
  ['aws:TagKeys', 'String', true, GK],
  ['aws:SourceVpce', 'String', false, GK],
  ['aws:SourceVpc', 'String', false, GK],
  ['aws:SourceVpcArn', 'ARN', false, GK],
  ['aws:VpcSourceIp', 'IPAddress', false, GK],
  ['aws:SourceIp', 'IPAddress', false, GK],
  ['aws:SourceAccount', 'String', false, GK],
  ['aws:SourceArn', 'ARN', false, GK],
  ['aws:SourceOrgID', 'String', false, GK],
  ['aws:SourceOrgPaths', 'String', true, GK],
  ['aws:SecureTransport', 'Bool', false, GK],
  ['aws:CurrentTime', 'Date', false, GK],
  ['aws:EpochTime', 'Date', false, GK],
  ['aws:TokenIssueTime', 'Date', false, GK],
  ['aws:MultiFactorAuthPresent', 'Bool', false, GK],
  ['aws:MultiFactorAuthAge', 'Numeric', false, GK],
  ['aws:CalledVia', 'String', true, GK],
  ['aws:CalledViaFirst', 'String', false, GK],
  ['aws:CalledViaLast', 'String', false, GK],
  ['aws:ViaAWSService', 'Bool', false, GK],
  ['aws:RequestedRegion', 'String', false, GK],
  ['aws:FederatedProvider', 'String', false, GK],
  ['aws:SourceIdentity', 'String', false, GK],
  ['aws:Ec2InstanceSourceVpc', 'String', false, GK],
  ['aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress', false, GK],
];

/** Every catalogued condition key, canonical names (patterns end in `${…}`). */
export const CONDITION_KEYS: readonly ConditionKeyInfo[] = ROWS.map(([name, type, multiValued, docUrl, policyPlaces, extra]) => ({
  name, type, multiValued, docUrl, ...(policyPlaces === undefined ? {} : { policyPlaces }), ...extra,
}));

/** Global keys: the `aws:` ones, usable with every KMS action. */
export const GLOBAL_CONDITION_KEYS: readonly ConditionKeyInfo[] = CONDITION_KEYS.filter((k) => k.name.startsWith('aws:'));

const exact = new Map<string, ConditionKeyInfo>();
const prefixed: [string, ConditionKeyInfo][] = [];
for (const k of CONDITION_KEYS) {
  const at = k.name.indexOf('${');
  if (at < 0) exact.set(k.name.toLowerCase(), k);
  else prefixed.push([k.name.slice(0, at).toLowerCase(), k]);
}

/**
 * Looks a condition key up, ignoring case (key names are case-insensitive, COND page). Handles
 * the keyed families `kms:EncryptionContext:<k>`, `kms:RecipientAttestation:<k>`,
 * `aws:ResourceTag/<k>`, `aws:PrincipalTag/<k>` and `aws:RequestTag/<k>`.
 */
export function conditionKeyInfo(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const hit = exact.get(lower);
  if (hit !== undefined) return hit;
  for (const [prefix, info] of prefixed) if (lower.startsWith(prefix) && lower.length > prefix.length) return info;
  return undefined;
}
