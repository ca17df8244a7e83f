/**
 * KMS109 principal-must-exist: a key policy in a CloudFormation (or CDK) template names, as a
 * hard-coded ARN string, a role or user that the same template creates. Nothing then makes the key
 * wait for the principal, and KMS rejects a key policy whose principals do not exist yet
 * (`MalformedPolicyDocumentException`), so the deployment fails or races. Reference the resource
 * (`!GetAtt Role.Arn`) so CloudFormation orders them. Terraform plans and AWS CLI exports do not
 * show dependencies this way and are not judged.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-Policy
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { inputDocument, principalEntries, valueAt } from '../src/lint/helpers.js';

/** Role and user names the template creates with a literal RoleName/UserName. */
function createdNames(template: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const resources = (template as { Resources?: unknown } | null)?.Resources;
  if (typeof resources !== 'object' || resources === null) return out;
  for (const [logicalId, r] of Object.entries(resources as Record<string, unknown>)) {
    const res = r as { Type?: unknown; Properties?: Record<string, unknown> } | null;
    const kind = res?.Type === 'AWS::IAM::Role' ? 'role' : res?.Type === 'AWS::IAM::User' ? 'user' : undefined;
    const name = kind === 'role' ? res?.Properties?.RoleName : kind === 'user' ? res?.Properties?.UserName : undefined;
    if (kind !== undefined && typeof name === 'string') out.set(`${kind}/${name}`, logicalId);
  }
  return out;
}

const template = (principal: string): string => `${JSON.stringify({
  Resources: {
    AppRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Root', Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' },
            { Sid: 'App', Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:Decrypt', Resource: '*' },
          ],
        },
      },
    },
  },
}, null, 2)}\n`;

export default defineRule({
  id: 'KMS109',
  name: 'principal-must-exist',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key'],
    docs: {
      description: 'A key policy in a template names, by a hard-coded ARN, a role or user created in the same template.',
      rationale: 'KMS checks that key policy principals exist when the policy is set. A hard-coded ARN creates no dependency, so CloudFormation may create the key before the role and the stack fails (or, worse, passes by luck). Use `!GetAtt Role.Arn` so the role is created first.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-Policy',
    },
    existingTools: {},
    messages: { hardCodedPrincipal: '`{{principal}}` is created in this template as `{{logicalId}}`: reference it with `!GetAtt {{logicalId}}.Arn` so the key waits for it' },
  },
  checkFile(ctx) {
    const { input } = ctx;
    if (input.shape !== 'cloudformation' && input.shape !== 'cdk') return;
    const doc = inputDocument(input);
    const created = createdNames(doc);
    if (created.size === 0) return;
    for (const t of input.targets) {
      if (t.type !== 'policy' || t.kind !== 'key') continue;
      for (const s of t.policy.statements) {
        for (const e of principalEntries(s)) {
          const m = /^arn:aws[a-z-]*:iam::[^:]*:((?:role|user)\/(?:.*\/)?([^/]+))$/.exec(e.raw);
          const kindName = m === null ? undefined : `${m[1]?.split('/')[0] ?? ''}/${m[2] ?? ''}`;
          const logicalId = kindName === undefined ? undefined : created.get(kindName);
          if (logicalId === undefined) continue;
          // The readers resolve `!GetAtt Role.Arn` to an ARN too: look at what the template says.
          const written = valueAt(doc, t.pointer + e.pointer);
          const hardCoded = typeof written === 'string' || (typeof written === 'object' && written !== null && 'Fn::Sub' in written) || (written === undefined && t.embeddedAsString);
          if (hardCoded) ctx.report({ messageId: 'hardCodedPrincipal', pointer: t.pointer + e.pointer, data: { principal: e.raw, logicalId } });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'referenced with Fn::GetAtt', file: 'template.json', text: template({ 'Fn::GetAtt': ['AppRole', 'Arn'] } as unknown as string) },
      { name: 'a role created elsewhere', file: 'template.json', text: template('arn:aws:iam::111122223333:role/other') },
    ],
    invalid: [
      {
        name: 'hard-coded ARN of a role the template creates',
        file: 'template.json',
        text: template('arn:aws:iam::111122223333:role/app'),
        errors: [{ messageId: 'hardCodedPrincipal', pointer: '/Resources/Key/Properties/KeyPolicy/Statement/1/Principal/AWS' }],
      },
      {
        name: 'built with Fn::Sub, still no dependency',
        file: 'template.json',
        text: template({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app' } as unknown as string),
        errors: [{ messageId: 'hardCodedPrincipal', pointer: '/Resources/Key/Properties/KeyPolicy/Statement/1/Principal/AWS' }],
      },
    ],
  },
});
