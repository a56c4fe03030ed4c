/**
 * The review server (design §7.2): serves the built task pane and manifest over HTTPS and keeps the
 * shared 附件2 register.
 *
 *   POST /api/review-rows     append a review row, or update the row with the same key   (token)
 *   GET  /api/review-rows     the register, 序号 consecutive                              (token)
 *   GET  /api/annex2.xlsx     the shared 附件2 in the seed's layout                      (token)
 *   GET  /api/health          liveness                                                   (no token)
 *   GET  /*                   the built pane (dist/) and manifest                         (no token)
 *
 * Tokens: `Authorization: Bearer <token>` (the scheme name in any case), one or more per 业务处室
 * (src/server/tokens.ts); an office updates only the rows it created unless its token is admin.
 * The server scores: maxima and the total must agree with the rubric it holds (422 naming the field).
 * Every answer carries CSP (frame-ancestors: the Office hosts), nosniff and HSTS; the API no-store.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type Localized, type TextParams, LocalizedError, joinLocalized, localize, sameInBoth } from '../core';
import { SERVER_MESSAGES } from './messages';
import { annex2Xlsx } from '../review/annex2-xlsx';
import { DEFAULT_RUBRIC, type Rubric } from '../review/rubric';
import { checkReviewRow } from '../review/validate-row';
import type { AppendResult } from '../review/types';
import { controlProblem, findControl, scoreProblems } from './boundary';
import { PgRegister, PgTokens, type PgOptions } from './pg-store';
import { DB_FILE, ForbiddenRowError, privateDir, type Register, ReviewStore, StoreUnavailableError } from './store';
import { FIRST_TOKEN_FILE, TokenRegistry, writeSecretFile, type TokenOwner } from './tokens';
import { API_CSP, HSTS, PAGE_CSP } from './headers';
import { loadOrCreateCert, TLS_OPTIONS, type TlsFiles } from './tls';


export const DEFAULT_BODY_LIMIT = 256 * 1024;

export interface ServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** TLS certificate and key files; a self-signed pair is generated into DATA/tls when absent */
  cert?: string;
  key?: string;
  /** the office tokens (default DATA/tokens.json, created with one token when missing) */
  tokenFile?: string;
  /** the built pane (default: dist/ beside the package) */
  staticDir?: string;
  /** largest request body in bytes (default 256 KB) */
  bodyLimit?: number;
  /** log requests (fastify's logger) */
  log?: boolean;
  /** origins allowed to call the API from a page served elsewhere (CORS), e.g. https://localhost:3000 */
  allowOrigins?: string[];
  /** the rubric the server scores by (default: DEFAULT_RUBRIC) */
  rubric?: Rubric;
  /** keep the register (rows, audit, tokens) in PostgreSQL instead of DATA/review.sqlite */
  db?: PgOptions;
  /** with `db`: first copy the SQLite register of this data folder (rows, audit, tokens) into the empty database */
  migrateFrom?: string;
}

/** What `--migrate-from` copied. */
export interface Migrated {
  from: string;
  rows: number;
  audit: number;
  tokens: number;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
  tls: TlsFiles;
  store: Register;
  tokens: TokenRegistry | PgTokens;
  migrated: Migrated | null;
  /** the admin token generated on first start, when the token file was created (its file, never printed) */
  createdToken: { office: string; admin: true; tokenFile: string; token: string } | null;
  staticDir: string | null;
  notices: Localized[];
  close(): Promise<void>;
}

const err = (reply: FastifyReply, status: number, text: Localized, extra: Record<string, unknown> = {}) =>
  reply.code(status).type('application/json; charset=utf-8').send({ error: text, message: `${text.zh} / ${text.en}`, ...extra });

const say = (key: keyof typeof SERVER_MESSAGES, params?: TextParams): Localized => localize(SERVER_MESSAGES, key, params);

export const NOT_JSON: Localized = say('notJson');

export const PANE_NOT_BUILT: Localized = say('paneNotBuilt');

/** Problems in one message: each in its language, separated as that language separates them. */
const listed = (problems: readonly Localized[]): TextParams => ({ problems: joinLocalized(problems, say('listSeparator')) });

export function defaultStaticDir(): string {
  return resolve(__dirname, '..', '..', 'dist');
}

const DEFAULT_FIRST_OFFICE = '默认处室';

/** The token file of a SQLite register: created with a first admin token; kept at mode 600. */
function fileTokens(tokens: TokenRegistry, opts: ServerOptions, created: (c: NonNullable<RunningServer['createdToken']>) => void): Localized[] {
  const notices: Localized[] = [];
  if (!opts.tokenFile) {
    try {
      const c = tokens.ensure(DEFAULT_FIRST_OFFICE);
      if (c) created(c);
    } catch (e) {
      notices.push(say('cannotCreateTokenFile', { file: tokens.file, detail: (e as Error).message }));
    }
  }
  // a token file of an earlier version may be world-readable: 600, whatever the umask
  try {
    if (existsSync(tokens.file)) chmodSync(tokens.file, 0o600);
  } catch (e) {
    notices.push(say('cannotProtectTokenFile', { file: tokens.file, detail: (e as Error).message }));
  }
  notices.push(...tokens.problems);
  return notices;
}

/** `--migrate-from DIR`: copy a SQLite register (read from a copy; the folder is left as it is) into the database. */
async function migrateInto(pgStore: PgRegister, dir: string): Promise<Migrated> {
  if (!existsSync(join(dir, DB_FILE))) throw new LocalizedError(say('noRegisterIn', { dir, file: DB_FILE }));
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-migrate-'));
  try {
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(tmp, f));
    const sqlite = new ReviewStore(tmp);
    const data = sqlite.exportAll();
    sqlite.close();
    const tokenFile = join(dir, 'tokens.json');
    const tokens = existsSync(tokenFile) ? new TokenRegistry(tokenFile).hashes() : [];
    const n = await pgStore.importRegister({ ...data, tokens });
    return { from: dir, ...n };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Build the fastify app (not listening). */
interface OpenedRegister {
  store: Register;
  tokens: TokenRegistry | PgTokens;
  createdToken: RunningServer['createdToken'];
  migrated: Migrated | null;
  notices: Localized[];
}

/** The register and its tokens: PostgreSQL when `db` is given, else SQLite and a token file in the data folder. */
async function openRegister(opts: ServerOptions, dataDir: string): Promise<OpenedRegister> {
  const notices: Localized[] = [];
  let createdToken: RunningServer['createdToken'] = null;
  if (opts.db) {
    // PostgreSQL: unreachable, or a schema newer than the program, fails the start (exit 2)
    const pgStore = new PgRegister(opts.db);
    try {
      await pgStore.init();
      const pgTokens = new PgTokens(pgStore);
      const migrated = opts.migrateFrom ? await migrateInto(pgStore, resolve(opts.migrateFrom)) : null;
      const first = await pgTokens.ensureFirst(DEFAULT_FIRST_OFFICE);
      if (first) {
        const tokenFile = join(dataDir, FIRST_TOKEN_FILE);
        privateDir(dataDir);
        writeSecretFile(tokenFile, `${first.token}\n`);
        createdToken = { office: DEFAULT_FIRST_OFFICE, admin: true, tokenFile, token: first.token };
      }
      return { store: pgStore, tokens: pgTokens, createdToken, migrated, notices };
    } catch (e) {
      await pgStore.close().catch(() => undefined);
      throw e;
    }
  }
  const sqlite = new ReviewStore(dataDir);
  // create the database on first start; a data folder that cannot be written is reported, and the API answers 503
  try {
    sqlite.open();
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
    notices.push(e.text);
  }
  const tokens = new TokenRegistry(opts.tokenFile ? resolve(opts.tokenFile) : join(dataDir, 'tokens.json'));
  notices.push(...fileTokens(tokens, opts, (c) => (createdToken = c)));
  return { store: sqlite, tokens, createdToken, migrated: null, notices };
}

function createFastify(opts: ServerOptions & { https?: { cert: string; key: string } | null }): FastifyInstance {
  return Fastify({
    // logs carry the method and the path only: no query string, no headers, no body, no stack
    logger: opts.log
      ? {
          serializers: {
            req: (req: FastifyRequest) => ({ method: req.method, path: (req.url ?? '').split('?')[0] }),
            res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    ...(opts.https ? { https: { cert: opts.https.cert, key: opts.https.key, ...TLS_OPTIONS } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
}

/** Every answer: nosniff, no referrer, HSTS; the API its own CSP and no-store, pages the pane's CSP. */
function addSecurityHeaders(app: FastifyInstance): void {
  const isApi = (req: FastifyRequest) => (req.routeOptions?.url ?? '').startsWith('/api/') || (req.url ?? '').startsWith('/api/');
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Strict-Transport-Security', HSTS);
    if (isApi(req)) {
      reply.header('Content-Security-Policy', API_CSP);
      reply.header('Cache-Control', 'no-store');
    } else {
      reply.header('Content-Security-Policy', PAGE_CSP);
    }
    return payload;
  });
}

/** CORS, only for the origins configured (a pane served by this server needs none). */
function addCors(app: FastifyInstance, allowOrigins: readonly string[]): void {
  const origins = new Set(allowOrigins.map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean));
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || !(req.routeOptions?.url ?? '').startsWith('/api/') || !origins.has(origin)) return;
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Reviewer');
      reply.header('Access-Control-Max-Age', '600');
      return reply.code(204).send();
    }
  });
}

/** Tokens are checked before the body is read: an unauthorised request never reaches the register. */
function addAuth(app: FastifyInstance, tokens: TokenRegistry | PgTokens): void {
  app.addHook('onRequest', async (req, reply) => {
    // decided by the matched route, not the raw URL (`/%61pi/…` routes to /api/… too)
    const route = req.routeOptions?.url ?? '';
    if (!route.startsWith('/api/') || route === '/api/health') return;
    const h = req.headers.authorization ?? '';
    // the scheme name is case-insensitive (RFC 9110 §11.1): Bearer, bearer, BEARER
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    const owner = await tokens.check(m?.[1]);
    if (!owner) {
      reply.header('WWW-Authenticate', 'Bearer realm="jixiao"');
      return err(reply, 401, m
        ? say('badToken')
        : say('noToken'));
    }
    (req as unknown as { owner: TokenOwner }).owner = owner;
    // one value per query parameter: `?monitorPoint=a&monitorPoint=b` is ambiguous
    const query = (req.url ?? '').split('?')[1];
    if (query) {
      const seen = new Set<string>();
      for (const name of new URLSearchParams(query).keys()) {
        if (seen.has(name)) {
          const shown = JSON.stringify(name.slice(0, 100));
          return err(reply, 400, say('repeatedParameter', { name: shown }), { field: name.slice(0, 100) });
        }
        seen.add(name);
      }
    }
    // the register takes JSON only (checked before the body is read)
    if (req.method === 'POST') {
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') return err(reply, 415, NOT_JSON);
    }
  });
}

/** Every error in words, in both languages; an internal one logged by id and kind only. */
function addErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((e: FastifyError, _req, reply) => {
    if (e instanceof StoreUnavailableError) return err(reply, 503, e.text);
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
      return err(reply, 413, say('tooLarge', { limit: bodyLimit }));
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return err(reply, 415, NOT_JSON);
    if (e.statusCode === 400 || (e.code ?? '').startsWith('FST_ERR_CTP')) {
      return err(reply, 400, say('badJson', { detail: e.message }));
    }
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status === 500) {
      // the log gets an id and the error's kind, never its message or stack (they may quote row data)
      const errorId = randomUUID();
      app.log.error({ errorId, kind: e.name, code: e.code }, 'internal error');
      return err(reply, 500, say('internal', { errorId }), { errorId });
    }
    return err(reply, status, sameInBoth(e.message));
  });
}

/** The reviewer named in X-Reviewer (URI-encoded), without control characters, at most 100 characters. */
function reviewerOf(req: FastifyRequest): string {
  let reviewer = String(req.headers['x-reviewer'] ?? '');
  try {
    reviewer = decodeURIComponent(reviewer);
  } catch {
    // kept as sent
  }
  return [...reviewer].filter((ch) => ch >= ' ').join('').slice(0, 100).trim();
}

/** POST /api/review-rows: checked against the rubric and the row's shape, then appended or updated by key. */
function postReviewRow(store: Register, rubric: Rubric) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const body = req.body as unknown;
    const candidate = body && typeof body === 'object' && 'row' in (body as object) ? (body as { row: unknown }).row : body;
    const control = findControl(body);
    if (control) {
      const p = controlProblem(control.replace(/^row\./, ''));
      return err(reply, 400, p.text, { field: p.field });
    }
    const scoring = scoreProblems(candidate, rubric);
    const disagree = (problems: typeof scoring) => err(reply, 422, say('scoringDisagrees', listed(problems.map((x) => x.text))), { field: problems[0].field, errors: problems.map((x) => ({ field: x.field, ...x.text })) });
    // 1. maxima other than the rubric's (422); 2. the row's shape and each value within 0..max (400);
    // 3. a total that is not the sum, or names shown other than the key's (422)
    const maxima = scoring.filter((x) => x.field.endsWith('.max'));
    if (maxima.length) return disagree(maxima);
    // the maxima are the rubric's
    const scoresIn = (candidate as { scores?: unknown } | null)?.scores;
    if (scoresIn && typeof scoresIn === 'object') {
      for (const k of ['budget', 'goal', 'deviation', 'timely'] as const) {
        const sc = (scoresIn as Record<string, unknown>)[k];
        if (sc && typeof sc === 'object' && !Array.isArray(sc)) (sc as { max: number }).max = rubric[k].max;
      }
    }
    // each value within 0..the rubric's maximum, the key present, numbers where numbers belong (400 otherwise)
    const check = checkReviewRow(candidate);
    if (!check.ok) {
      return err(reply, 400, say('invalidRow', listed(check.errors)), { errors: check.errors });
    }
    const rest = scoring.filter((x) => !x.field.endsWith('.max'));
    if (rest.length) return disagree(rest);
    const owner = (req as unknown as { owner: TokenOwner }).owner;
    const office = owner.office;
    const reviewer = reviewerOf(req);
    const who = reviewer ? `${office} / ${reviewer}` : office;
    let done: { seq: number; updated: boolean };
    try {
      done = await store.upsert(check.row, { office, admin: owner.admin, who });
    } catch (e) {
      if (!(e instanceof ForbiddenRowError)) throw e;
      return err(reply, 403, say('notYourRow', { owner: e.owner ? sameInBoth(e.owner) : say('unknownOffice'), office }));
    }
    const { seq, updated } = done;
    const result: AppendResult = {
      seq,
      updated,
      where: say(updated ? 'rowUpdated' : 'rowAppended', { seq }),
    };
    return reply.code(updated ? 200 : 201).send(result);
  };
}

/** The API's routes: health, the register (append, list), the 附件2 as .xlsx; anything else under /api/ is 404. */
function addApiRoutes(app: FastifyInstance, store: Register, rubric: Rubric): void {
  app.get('/api/health', async () => ({ ok: true }));

  app.post('/api/review-rows', postReviewRow(store, rubric));

  app.get('/api/review-rows', async (req) => {
    const q = req.query as { monitorPoint?: string };
    const rows = await store.list(typeof q.monitorPoint === 'string' && q.monitorPoint ? q.monitorPoint : undefined);
    return { count: rows.length, rows: rows.map((r) => ({ ...r.row, office: r.office, updatedAt: r.updatedAt })) };
  });

  app.get('/api/annex2.xlsx', async (req, reply) => {
    const q = req.query as { monitorPoint?: string; office?: string };
    const rows = (await store.list(typeof q.monitorPoint === 'string' && q.monitorPoint ? q.monitorPoint : undefined)).map((r) => r.row);
    const office = String(q.office ?? (req as unknown as { owner: TokenOwner }).owner.office ?? '').slice(0, 100);
    const bytes = await annex2Xlsx(rows, { office, ...(q.monitorPoint ? { monitorPoint: q.monitorPoint } : {}) });
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="annex2.xlsx"; filename*=UTF-8''${encodeURIComponent('附件2.xlsx')}`)
      .header('Cache-Control', 'no-store')
      .send(bytes);
  });

  app.all('/api/*', async (_req, reply) => err(reply, 404, say('noEndpoint')));
}

/** The built pane and manifest, when the folder exists; otherwise every page says the pane is not built. Returns the folder served. */
async function servePane(app: FastifyInstance, staticDir: string, notices: Localized[]): Promise<string | null> {
  if (existsSync(staticDir) && statSync(staticDir).isDirectory()) {
    await app.register(fastifyStatic, { root: staticDir, index: ['taskpane.html', 'index.html'], dotfiles: 'deny', wildcard: true, serveDotFiles: false } as Parameters<typeof fastifyStatic>[1]);
    return staticDir;
  }
  notices.push(say('paneNotBuiltAt', { dir: staticDir }));
  app.get('/*', async (_req, reply) => err(reply, 404, PANE_NOT_BUILT));
  return null;
}

export async function buildApp(opts: ServerOptions & { https?: { cert: string; key: string } | null }): Promise<{
  app: FastifyInstance; store: Register; tokens: TokenRegistry | PgTokens; createdToken: RunningServer['createdToken']; migrated: Migrated | null; staticDir: string | null; notices: Localized[];
}> {
  const { store, tokens, createdToken, migrated, notices } = await openRegister(opts, resolve(opts.dataDir));
  const app = createFastify(opts);
  addSecurityHeaders(app);
  addCors(app, opts.allowOrigins ?? []);
  addAuth(app, tokens);
  addErrorHandler(app, opts.bodyLimit ?? DEFAULT_BODY_LIMIT);
  addApiRoutes(app, store, opts.rubric ?? DEFAULT_RUBRIC);
  const staticDir = await servePane(app, resolve(opts.staticDir ?? defaultStaticDir()), notices);
  app.addHook('onClose', async () => store.close());
  return { app, store, tokens, createdToken, migrated, staticDir, notices };
}

/** Start the server over HTTPS. Port 0 picks a free port. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const dataDir = resolve(opts.dataDir);
  const host = opts.host ?? '127.0.0.1';
  const tls = await loadOrCreateCert(dataDir, { cert: opts.cert, key: opts.key, host });
  const built = await buildApp({ ...opts, dataDir, https: { cert: tls.cert, key: tls.key } });
  if (tls.warning) built.notices.push(tls.warning);
  await built.app.listen({ port: opts.port ?? 3000, host });
  const port = (built.app.server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    ...built,
    url: `https://${shown}:${port}`,
    port,
    tls,
    close: () => built.app.close(),
  };
}
