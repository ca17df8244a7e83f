/**
 * @module cli/commands/explain
 * `kms-authz explain`: the decision for one request (from a file, from flags, or from CloudTrail
 * events) and why. Exit 0 Allow, 1 deny, 2 input error. Heavy modules load lazily, in `run`.
 */
import { resolve } from 'node:path';
import type { CliCommand, Io } from '../command.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { AuthzRequest, RequestContextInput } from '../../model/decision.js';
import { DEMO_WORLD } from './demo.js';

/** `k=v` pairs → a record; a value written as a JSON array is a multi-valued key. */
function pairs(list: unknown, flag: string, io: Io): Record<string, RequestContextInput> | null {
  const out: Record<string, RequestContextInput> = {};
  for (const item of Array.isArray(list) ? list : list === undefined ? [] : [list]) {
    const s = String(item);
    const eq = s.indexOf('=');
    if (eq <= 0) {
      io.err(`kms-authz: --${flag} expects key=value, got \`${s}\``);
      return null;
    }
    const v = s.slice(eq + 1);
    let value: RequestContextInput = v;
    if (v.startsWith('[')) {
      try {
        value = (JSON.parse(v) as unknown[]).map(String);
      } catch {
        value = v;
      }
    }
    out[s.slice(0, eq)] = value;
  }
  return out;
}

async function printDiagnostics(io: Io, ds: readonly Diagnostic[]): Promise<number> {
  const { formatDiagnosticLine } = await import('../../model/diagnostic.js');
  for (const d of ds) io.err(formatDiagnosticLine(d));
  return 2;
}

interface Job {
  readonly request: AuthzRequest;
  readonly label?: string;
  readonly recorded?: string;
}

/** Reads the requests the flags ask for, or returns an exit code for an input error. */
async function jobsOf(args: Record<string, unknown>, io: Io): Promise<Job[] | number> {
  const forms = [args.request !== undefined, args.principal !== undefined || args.action !== undefined || args.key !== undefined, args.cloudtrail !== undefined].filter(Boolean).length;
  if (forms !== 1) {
    io.err('kms-authz: give exactly one of --request FILE, --principal/--action/--key, or --cloudtrail FILE');
    return 2;
  }
  if (typeof args.request === 'string') {
    const { loadDocument } = await import('../../source/document.js');
    const { readRequest } = await import('../../explain/request-shape.js');
    const file = resolve(io.cwd, args.request);
    const doc = await loadDocument(file);
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return printDiagnostics(io, errors);
    const r = readRequest(doc.value, file, doc.locate, '');
    return r.request === undefined ? printDiagnostics(io, r.diagnostics) : [{ request: r.request }];
  }
  if (typeof args.cloudtrail === 'string') {
    const { readFile } = await import('node:fs/promises');
    const { readCloudTrail } = await import('../../sources/cloudtrail.js');
    const file = resolve(io.cwd, args.cloudtrail);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      io.err(`${file}:1:1: error: file not found or unreadable: \`${file}\` [source/missing-file]`);
      return 2;
    }
    const ct = readCloudTrail(text, file);
    if (ct.diagnostics.length > 0) return printDiagnostics(io, ct.diagnostics);
    return ct.events.map((e) => ({
      request: e.request,
      label: `${e.eventTime ?? ''} ${e.eventName} ${e.eventId ?? ''}`.trim(),
      ...(e.errorCode === undefined ? {} : { recorded: `${e.errorCode}${e.errorMessage === undefined ? '' : `: ${e.errorMessage}`}` }),
    }));
  }
  for (const f of ['principal', 'action', 'key']) {
    if (typeof args[f] !== 'string') {
      io.err(`kms-authz: --${f} is required with --principal/--action/--key`);
      return 2;
    }
  }
  const context = pairs(args.context, 'context', io);
  const ec = pairs(args['encryption-context'], 'encryption-context', io);
  if (context === null || ec === null) return 2;
  const request: AuthzRequest = {
    principal: args.principal as string, action: args.action as string, resource: args.key as string,
    ...(Object.keys(context).length === 0 ? {} : { context }),
    ...(Object.keys(ec).length === 0 ? {} : { encryptionContext: Object.fromEntries(Object.entries(ec).map(([k, v]) => [k, String(v)])) }),
    ...(typeof args['key-id-as-sent'] === 'string' ? { keyIdAsSent: args['key-id-as-sent'] } : {}),
  };
  return [{ request }];
}

export const explainCommand: CliCommand = {
  command: 'explain',
  describe: 'the decision for a request and why: every layer, the deciding statements, what is missing',
  builder: (y) => y
    .option('world', { type: 'string', describe: 'world file (JSON or YAML); default: the bundled demo world' })
    .option('request', { type: 'string', describe: 'request file (JSON or YAML)' })
    .option('principal', { type: 'string', describe: 'caller ARN (user, role, root, assumed-role session)' })
    .option('action', { type: 'string', describe: 'action, e.g. kms:Decrypt' })
    .option('key', { type: 'string', describe: 'key ARN (or an alias of a key in the world)' })
    .option('key-id-as-sent', { type: 'string', describe: 'the KeyId the caller passed (drives kms:RequestAlias)' })
    .option('context', { type: 'string', array: true, describe: 'request-context key=value (repeatable; value [..] for a list)' })
    .option('encryption-context', { type: 'string', array: true, describe: 'encryption context key=value (repeatable)' })
    .option('cloudtrail', { type: 'string', describe: 'CloudTrail event file (one event, {"Records": [...]}, or JSON lines)' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text', describe: 'output format' })
    .option('mode', { choices: ['deciding', 'fails', 'full'] as const, default: 'deciding', describe: 'which trace events --trace shows' })
    .option('trace', { type: 'boolean', default: false, describe: 'include the evaluation trace' }),
  run: async (args, io) => {
    const { loadWorld, compileWorld } = await import('../../world/index.js');
    const worldPath = typeof args.world === 'string' ? resolve(io.cwd, args.world) : DEMO_WORLD;
    const w = await loadWorld(worldPath);
    if (!w.ok) return printDiagnostics(io, w.error);
    const world = compileWorld(w.value);
    const errors = world.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return printDiagnostics(io, errors);
    const jobs = await jobsOf(args, io);
    if (typeof jobs === 'number') return jobs;
    const { explain } = await import('../../explain/explain.js');
    const mode = args.mode as 'deciding' | 'fails' | 'full';
    const explained = jobs.map((j) => ({ job: j, e: explain(world, j.request, mode) }));
    if (args.format === 'json') {
      const { renderDecisionJson } = await import('../../render/decision-json.js');
      const strip = (d: (typeof explained)[number]['e']): object => (args.trace === true ? { ...d.decision, trace: d.trace } : { ...d.decision, trace: undefined });
      const first = explained[0];
      if (args.cloudtrail === undefined && first !== undefined) io.out(renderDecisionJson(strip(first.e) as never));
      else io.out(JSON.stringify(explained.map(({ job, e }) => ({ event: job.label, recorded: job.recorded ?? null, ...strip(e) })), null, 2));
    } else {
      const { renderDecisionText } = await import('../../render/decision-text.js');
      io.out(explained.map(({ job, e }) => [
        ...(job.label === undefined ? [] : [`event ${job.label}${job.recorded === undefined ? '' : `\n  recorded: ${job.recorded}`}`]),
        renderDecisionText(e, args.trace === true),
      ].join('\n')).join('\n\n'));
    }
    return explained.every(({ e }) => e.decision.decision === 'Allow') ? 0 : 1;
  },
};
