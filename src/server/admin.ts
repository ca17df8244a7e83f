/**
 * @module server/admin
 * The simulation controls, off the AWS surface under `/_kms-authz/`: clock get/set/advance, world
 * reload, audit dump, per-operation call counts. Unsigned, so only served when the server was
 * started with the admin path enabled, and only to loopback clients. AWS has no such API; the
 * routes are documented in docs/serve.md.
 */
import type { IncomingMessage } from 'node:http';
import type { CredentialStore } from './credentials.js';
import type { ServedKms } from './ports.js';
import { remoteIp } from './services.js';

/** What the admin routes act on. */
export interface AdminContext {
  readonly kms: ServedKms;
  readonly credentials: CredentialStore;
  /** Reads a world given by path (JSON or YAML) into an object, for reloads by path. */
  readWorld(path: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;
}

interface JsonReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

function json(status: number, value: unknown): JsonReply {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

/** True for 127.0.0.0/8 and ::1. */
export function isLoopback(ip: string | undefined): boolean {
  return ip !== undefined && (ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip));
}

function parseJson(body: Buffer): { ok: true; value: Record<string, unknown> } | { ok: false } {
  try {
    const v: unknown = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ok: true, value: v as Record<string, unknown> } : { ok: false };
  } catch {
    return { ok: false };
  }
}

function clockBody(kms: ServedKms): unknown {
  const now = kms.clock.now();
  return { now: now.toISOString(), epochSeconds: Math.floor(now.getTime() / 1000) };
}

function clock(ctx: AdminContext, method: string, body: Record<string, unknown>): JsonReply {
  if (method === 'GET') return json(200, clockBody(ctx.kms));
  const { set, advanceMs, advanceDays } = body;
  if (typeof set === 'string') {
    const t = new Date(set);
    if (Number.isNaN(t.getTime())) return json(400, { error: `set must be an ISO-8601 date, got ${set}` });
    ctx.kms.clock.set(t);
  } else if (typeof advanceMs === 'number' && advanceMs >= 0) {
    ctx.kms.clock.advance(advanceMs);
  } else if (typeof advanceDays === 'number' && advanceDays >= 0) {
    ctx.kms.clock.advance(advanceDays * 86_400_000);
  } else {
    return json(400, { error: 'POST a JSON body with one of: set (ISO date), advanceMs, advanceDays (non-negative numbers)' });
  }
  return json(200, clockBody(ctx.kms));
}

async function reload(ctx: AdminContext, body: Record<string, unknown>): Promise<JsonReply> {
  let world: unknown = body.world;
  let source: string | object | undefined = typeof world === 'object' && world !== null ? world : undefined;
  if (typeof body.path === 'string') {
    const read = await ctx.readWorld(body.path);
    if (!read.ok) return json(400, { error: read.error });
    world = read.value;
    // The backend reads the file itself, so its diagnostics carry file:line:column.
    source = body.path;
  }
  if (source === undefined) return json(400, { error: 'POST {"world": {...}} or {"path": "world.yaml"}' });
  const r = await ctx.kms.reloadWorld(source);
  if (!r.ok) return json(400, { error: 'world rejected', diagnostics: r.error });
  ctx.credentials.setWorld(world);
  return json(200, { reloaded: true });
}

/**
 * Serves one admin request. Routes: `GET|POST clock`, `POST world`, `GET audit`,
 * `GET call-counts`, `GET health`.
 */
export async function handleAdmin(ctx: AdminContext | undefined, req: IncomingMessage, url: string, body: Buffer): Promise<JsonReply> {
  if (ctx === undefined) return json(404, { error: 'the admin path is disabled (start the server with --admin)' });
  if (!isLoopback(remoteIp(req))) return json(403, { error: 'the admin path answers loopback clients only' });
  const route = url.slice('/_kms-authz/'.length).split('?')[0] ?? '';
  const method = req.method ?? 'GET';
  const parsed = parseJson(body);
  if (!parsed.ok) return json(400, { error: 'the body must be a JSON object' });
  switch (`${method} ${route}`) {
    case 'GET clock':
    case 'POST clock':
      return clock(ctx, method, parsed.value);
    case 'POST world':
      return reload(ctx, parsed.value);
    case 'GET audit':
      return json(200, { events: ctx.kms.audit() });
    case 'GET call-counts':
      return json(200, { counts: ctx.kms.callCounts() });
    case 'GET health':
      return json(200, { ok: true, sessions: ctx.credentials.sessionCount() });
    default:
      return json(404, { error: `no admin route ${method} /_kms-authz/${route}` });
  }
}
