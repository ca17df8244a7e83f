/**
 * Building blocks for rule cases: the statements AWS's default key policy and its documented
 * variants use. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */

/** The account used throughout the cases. */
export const ACCOUNT = '111122223333';
/** Another account, outside every allowlist unless a case adds it. */
export const OTHER_ACCOUNT = '444455556666';
/** A key ARN in ACCOUNT. */
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** The default key policy's "Enable IAM User Permissions" statement. */
export const ROOT_STATEMENT = Object.freeze({
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
});

/** A key policy (Version 2012-10-17) with these statements. */
export function keyPolicy(...statements: readonly object[]): { Version: string; Statement: object[] } {
  return { Version: '2012-10-17', Statement: [...statements] };
}

/** A key policy whose first statement is the root statement, followed by these. */
export function rootedKeyPolicy(...statements: readonly object[]): { Version: string; Statement: object[] } {
  return keyPolicy(ROOT_STATEMENT, ...statements);
}

/** An identity policy (Version 2012-10-17) with these statements. */
export function identityPolicy(...statements: readonly object[]): { Version: string; Statement: object[] } {
  return { Version: '2012-10-17', Statement: [...statements] };
}
