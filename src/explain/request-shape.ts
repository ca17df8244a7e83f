/**
 * @module explain/request-shape
 * Checks a request value (contract "Request") and turns it into an `AuthzRequest`, with
 * diagnostics carrying file, line and column for anything malformed.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { AuthzRequest } from '../model/decision.js';
import type { Locator } from '../model/lint.js';
import { validateShape } from '../parse/shape.js';
import { mergeProblems } from '../world/load.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const FIELDS = new Set(['principal', 'action', 'resource', 'keyIdAsSent', 'encryptionContext', 'grantRequest', 'grantId', 'grantTokens', 'sessionPolicy', 'context', 'sourceVpce']);

const isStringMap = (v: unknown): boolean => isObj(v) && Object.values(v).every((x) => typeof x === 'string');
const isScalar = (x: unknown): boolean => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/** Validates a request value found at `pointer` in `file`; returns the request or the problems. */
export function readRequest(value: unknown, file: string, locate: Locator, pointer: string): { request?: AuthzRequest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bad = (p: string, messageId: string, message: string): void => {
    const at = locate(pointer + p);
    diagnostics.push({ code: 'schema/request', messageId, severity: 'error', message, file, pointer: pointer + p, line: at.line, column: at.column });
  };
  if (!isObj(value)) {
    bad('', 'type', 'a request must be an object with `principal`, `action` and `resource`');
    return { diagnostics };
  }
  for (const k of Object.keys(value)) if (!FIELDS.has(k)) bad(`/${k}`, 'unknown', `unknown request field \`${k}\``);
  for (const k of ['principal', 'action', 'resource']) {
    if (value[k] === undefined) bad('', 'required', `missing required \`${k}\``);
    else if (typeof value[k] !== 'string' || value[k] === '') bad(`/${k}`, 'type', `\`${k}\` must be a non-empty string`);
  }
  for (const k of ['keyIdAsSent', 'grantId', 'sourceVpce']) if (value[k] !== undefined && typeof value[k] !== 'string') bad(`/${k}`, 'type', `\`${k}\` must be a string`);
  if (value.encryptionContext !== undefined && !isStringMap(value.encryptionContext)) bad('/encryptionContext', 'type', '`encryptionContext` must map keys to string values');
  if (value.grantTokens !== undefined && (!Array.isArray(value.grantTokens) || value.grantTokens.some((t) => typeof t !== 'string'))) bad('/grantTokens', 'type', '`grantTokens` must be a list of strings');
  if (value.context !== undefined) {
    if (!isObj(value.context)) bad('/context', 'type', '`context` must map condition keys to values');
    else {
      for (const [k, v] of Object.entries(value.context)) {
        if (!(isScalar(v) || (Array.isArray(v) && v.every(isScalar)))) bad(`/context/${k}`, 'type', `context key \`${k}\` must be a string, number, boolean or a list of them`);
      }
    }
  }
  const gr = value.grantRequest;
  if (gr !== undefined) {
    if (!isObj(gr)) bad('/grantRequest', 'type', '`grantRequest` must be an object');
    else {
      if (typeof gr.granteePrincipal !== 'string') bad('/grantRequest', 'required', '`grantRequest` needs `granteePrincipal` (a string)');
      if (!Array.isArray(gr.operations) || gr.operations.some((o) => typeof o !== 'string')) bad('/grantRequest', 'required', '`grantRequest` needs `operations` (a list of operation names)');
      if (gr.constraints !== undefined && !isObj(gr.constraints)) bad('/grantRequest/constraints', 'type', '`constraints` must be an object');
    }
  }
  // The schema (schemas/request.schema.json) may know more; ours word the common problems better.
  const all = mergeProblems(diagnostics, validateShape('request', value, { file, locate, pointer }));
  if (all.length > 0) return { diagnostics: all };
  return { request: value as unknown as AuthzRequest, diagnostics: all };
}
