/**
 * @module sources/input-builder
 * Collects what one file yields (targets, diagnostics, positions) while a shape reader walks it,
 * and builds the LintInput. Policies given as JSON strings are decoded here with exact positions
 * inside the string. Input shapes: lint-catalogue.md §5;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Diagnostic, Position, Severity } from '../model/diagnostic.js';
import type {
  GrantTarget, KeyConfigTarget, LintInput, LintTarget, Locator, PolicyTarget, SuppressionSite, UnresolvedTarget,
} from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import { parseGrant } from '../parse/grant.js';
import { parsePolicy } from '../parse/policy.js';
import { readJson } from '../source/json-source.js';
import type { ReadResult } from '../source/json-source.js';
import { jsonLiteralMap, lineMatchMap, Lines, type OffsetMap } from './offset-map.js';
import { PointerMoves } from './pointer-moves.js';
import { sidSuppressions } from './suppressions.js';

/** What every target may carry besides its content. */
export interface TargetExtras {
  readonly resourceName?: string;
  readonly keyId?: string;
  readonly ownerAccount?: string;
  readonly suppressions?: ReadonlyMap<string, string>;
  /** Policy id for refs; defaults to `<file>#<pointer>`. */
  readonly id?: string;
}

/** An embedded region: a policy decoded from a string, located through its own map. */
interface Region {
  readonly prefix: string;
  readonly locate: Locator;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/** True when any statement of a policy value names a principal (then it is a key policy). */
export function hasPrincipal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const list: unknown[] = 'Statement' in v ? (Array.isArray(v.Statement) ? v.Statement : [v.Statement]) : Array.isArray(value) ? value : [value];
  return list.some((s) => typeof s === 'object' && s !== null && ('Principal' in s || 'NotPrincipal' in s));
}

/** Builds one LintInput. Shape readers call the `add*` methods, then {@link InputBuilder.build}. */
export class InputBuilder {
  readonly targets: LintTarget[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Reader notes (LintInput.notes): suppression problems and the like. */
  readonly notes: Diagnostic[] = [];
  readonly moves = new PointerMoves();
  readonly readOnly: string[] = [];
  /** Honoured suppressions and what they cover (LintInput.suppressionSites). */
  readonly sites: SuppressionSite[] = [];
  private readonly regions: Region[] = [];
  private lineTable: Lines | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: ReadResult,
    readonly format: 'json' | 'yaml',
    /** `--kind`: overrides the kind of raw policies (not of policies whose shape fixes the kind). */
    readonly kindOverride?: PolicyKind,
  ) {
    this.diagnostics.push(...doc.diagnostics);
  }

  /** Line table of the file text, built on first use (only policies inside strings need it). */
  get lines(): Lines {
    this.lineTable ??= new Lines(this.text);
    return this.lineTable;
  }

  /** Position of an absolute pointer, through embedded strings and moved subtrees. */
  readonly locate: Locator = (pointer: string): Position => {
    let best: Region | undefined;
    for (const r of this.regions) {
      if ((pointer === r.prefix || pointer.startsWith(r.prefix + '/')) && (best === undefined || r.prefix.length > best.prefix.length)) best = r;
    }
    if (best !== undefined) return best.locate(pointer.slice(best.prefix.length));
    return this.doc.locate(this.moves.size === 0 ? pointer : this.moves.toFile(pointer));
  };

  /** Records a reader diagnostic (a problem of the input) at an absolute pointer. */
  report(code: string, severity: Severity, pointer: string, message: string): void {
    this.diagnostics.push(this.diagnostic(code, severity, pointer, message));
  }

  /** Records a reader note (LintInput.notes) at an absolute pointer. */
  note(code: string, severity: Severity, pointer: string, message: string): void {
    this.notes.push(this.diagnostic(code, severity, pointer, message));
  }

  private diagnostic(code: string, severity: Severity, pointer: string, message: string): Diagnostic {
    const pos = this.locate(pointer);
    return { code, messageId: code.split('/').pop() ?? code, severity, message, file: this.file, pointer, line: pos.line, column: pos.column };
  }

  /**
   * Adds a policy found at `pointer`: an object, or a JSON string of one (decoded here with exact
   * positions). `kind` undefined = detect (Principal → key policy, else identity policy).
   */
  addPolicy(pointer: string, value: unknown, kind: PolicyKind | undefined, extras: TargetExtras = {}): PolicyTarget | undefined {
    if (typeof value === 'string') {
      const start = this.lines.offsetOf(this.doc.locate(this.moves.toFile(pointer)));
      // JSON strings, and YAML double-quoted ones whose escapes are JSON's (checked by the value).
      const lit = jsonLiteralMap(this.text, start);
      const map = lit !== undefined && lit.value === value ? lit.map : lineMatchMap(this.text, start, value);
      return this.addPolicyText(pointer, value, map, kind, extras);
    }
    return this.pushPolicy(pointer, value, undefined, kind, extras);
  }

  /**
   * Adds a policy whose text was built from the file (`map` sends offsets of `text` to the file).
   * Syntax errors inside the text are KMS001 material: reported at their exact place.
   */
  addPolicyText(pointer: string, text: string, map: OffsetMap, kind: PolicyKind | undefined, extras: TargetExtras = {}): PolicyTarget | undefined {
    const inner = readJson(text, this.file);
    const innerLines = new Lines(text);
    const toFile = (p: Position): Position => this.lines.positionOf(map(innerLines.offsetOf(p)));
    this.regions.push({ prefix: pointer, locate: (rel) => toFile(inner.locate(rel)) });
    const bad = inner.diagnostics.filter((d) => d.severity === 'error');
    for (const d of inner.diagnostics) {
      const at = toFile(d);
      this.diagnostics.push({ ...d, code: 'parse/invalid-policy-json', pointer, line: at.line, column: at.column, message: `policy string is not valid JSON: ${d.message.replace(/^invalid JSON: /, '')}` });
    }
    if (bad.length > 0 || inner.value === undefined) return undefined;
    return this.pushPolicy(pointer, inner.value, text, kind, extras);
  }

  private pushPolicy(pointer: string, value: unknown, text: string | undefined, kind: PolicyKind | undefined, extras: TargetExtras): PolicyTarget {
    const k = kind ?? this.kindOverride ?? (hasPrincipal(value) ? 'key' : 'identity');
    const id = extras.id ?? `${this.file}#${pointer}`;
    const parsed = parsePolicy(value, { kind: k, id, file: this.file, pointer, locate: this.locate });
    this.diagnostics.push(...parsed.diagnostics);
    const sids = sidSuppressions(parsed.policy);
    for (const bad of sids.missingReason) {
      this.note('lint/suppression-without-reason', 'warning', pointer + bad.pointer, `suppression of \`${bad.ruleId}\` in \`Sid\` has no reason: end the Sid with \`Because<Reason>\``);
    }
    for (const v of sids.valid) this.sites.push({ ruleId: v.ruleId, pointer: `${pointer}${v.statementPointer}/Sid`, covers: pointer + v.statementPointer });
    const target: PolicyTarget = {
      type: 'policy', file: this.file, kind: k, pointer, raw: value,
      ...(text === undefined ? {} : { text }),
      embeddedAsString: text !== undefined,
      policy: parsed.policy,
      ...pick(extras),
      suppressions: extras.suppressions ?? EMPTY,
      ...(sids.valid.length === 0 ? {} : { statementSuppressions: sids.valid }),
    };
    this.targets.push(target);
    return target;
  }

  /** Adds a grant given in the ListGrants shape (`GranteePrincipal`, `Operations`, …). */
  addGrant(pointer: string, raw: unknown, keyArn: string, extras: TargetExtras = {}): void {
    const parsed = parseGrant(raw, { keyArn, file: this.file, pointer, locate: this.locate });
    this.diagnostics.push(...parsed.diagnostics);
    const target: GrantTarget = {
      type: 'grant', file: this.file, pointer, raw, grant: parsed.grant,
      ...(extras.resourceName === undefined ? {} : { resourceName: extras.resourceName }),
      suppressions: extras.suppressions ?? EMPTY,
    };
    this.targets.push(target);
  }

  /** Adds key configuration. */
  addKeyConfig(config: Omit<KeyConfigTarget, 'type' | 'file' | 'suppressions'>, suppressions?: ReadonlyMap<string, string>): void {
    this.targets.push({ type: 'key-config', file: this.file, ...config, suppressions: suppressions ?? EMPTY });
  }

  /** Adds a policy whose content is unknown at lint time (KMS704: reported, never passed). */
  addUnresolved(pointer: string, kind: PolicyKind, reason: string, extras: TargetExtras = {}): void {
    const target: UnresolvedTarget = {
      type: 'unresolved', file: this.file, pointer, kind, reason,
      ...(extras.resourceName === undefined ? {} : { resourceName: extras.resourceName }),
      suppressions: extras.suppressions ?? EMPTY,
    };
    this.targets.push(target);
  }

  /** The finished input. */
  build(shape: string, fatal = false): LintInput {
    const moves = this.moves;
    return {
      file: this.file, shape, targets: this.targets, locate: this.locate, text: this.text, diagnostics: this.diagnostics,
      ...(fatal ? { fatal } : {}),
      ...(this.notes.length === 0 ? {} : { notes: this.notes }),
      ...(moves.size === 0 ? {} : { filePointer: (p: string) => moves.toFile(p) }),
      ...(this.readOnly.length === 0 ? {} : { readOnly: this.readOnly }),
      ...(this.sites.length === 0 ? {} : { suppressionSites: this.sites }),
    };
  }
}

function pick(e: TargetExtras): Partial<Pick<PolicyTarget, 'resourceName' | 'keyId' | 'ownerAccount'>> {
  return {
    ...(e.resourceName === undefined ? {} : { resourceName: e.resourceName }),
    ...(e.keyId === undefined ? {} : { keyId: e.keyId }),
    ...(e.ownerAccount === undefined ? {} : { ownerAccount: e.ownerAccount }),
  };
}
