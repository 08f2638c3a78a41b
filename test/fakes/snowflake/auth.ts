/**
 * The fake account: users (password, RSA public key or OAuth token), roles granted to them,
 * and which warehouses and databases each role may use. Login is checked the way Snowflake
 * does: wrong credentials and unknown or ungranted roles fail the login; a warehouse or database
 * the role may not use leaves the session without one (Snowflake logs in and says nothing).
 */
import { createPublicKey, verify } from 'node:crypto';

export interface FakeUser {
  name: string;
  password?: string;
  /** PEM public key for key-pair (SNOWFLAKE_JWT) logins. */
  publicKey?: string;
  oauthToken?: string;
  roles: string[];
  defaultRole?: string;
  defaultWarehouse?: string;
}

export interface FakeRole {
  warehouses: string[];
  databases: string[];
}

export interface FakeAccountConfig {
  account: string;
  users: FakeUser[];
  roles: Record<string, FakeRole>;
  warehouses: string[];
  databases: string[];
}

export interface LoginRequest {
  body: Record<string, unknown>;
  query: URLSearchParams;
}

export type LoginOutcome =
  | { ok: true; user: FakeUser; role: string; warehouse: string | null; database: string | null; schema: string | null }
  | { ok: false; httpStatus?: number; code: string; message: string };

const fold = (s: string): string => (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(s) ? s.toUpperCase() : s.replace(/^"|"$/g, ''));

function b64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Checks the SDK's login JWT: RS256 over header.payload, signed by the user's key, subject ACCOUNT.USER. */
function jwtValid(token: string, user: FakeUser, account: string): boolean {
  if (!user.publicKey) return false;
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return false;
  try {
    const payload = JSON.parse(b64url(p).toString('utf8')) as { sub?: string; exp?: number };
    if (payload.sub !== `${account.toUpperCase()}.${user.name.toUpperCase()}`) return false;
    return verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey(user.publicKey), b64url(s));
  } catch {
    return false;
  }
}

const INCORRECT = { ok: false as const, code: '390100', message: 'Incorrect username or password was specified.' };

export function checkLogin(cfg: FakeAccountConfig, req: LoginRequest): LoginOutcome {
  const data = (req.body['data'] ?? {}) as Record<string, unknown>;
  const account = String(data['ACCOUNT_NAME'] ?? '');
  if (account.toUpperCase() !== cfg.account.toUpperCase()) return { ok: false, httpStatus: 403, code: '', message: 'Forbidden' };
  const login = String(data['LOGIN_NAME'] ?? '');
  const user = cfg.users.find((u) => u.name.toUpperCase() === login.toUpperCase());
  if (!user) return INCORRECT;
  const authenticator = String(data['AUTHENTICATOR'] ?? 'SNOWFLAKE').toUpperCase();
  if (authenticator === 'SNOWFLAKE_JWT') {
    if (!jwtValid(String(data['TOKEN'] ?? ''), user, account)) return { ok: false, code: '390144', message: 'JWT token is invalid.' };
  } else if (authenticator === 'OAUTH') {
    if (!user.oauthToken || data['TOKEN'] !== user.oauthToken) return { ok: false, code: '390303', message: 'Invalid OAuth access token.' };
  } else if (user.password === undefined || data['PASSWORD'] !== user.password) {
    return INCORRECT;
  }
  const askedRole = req.query.get('roleName');
  const role = askedRole ? fold(askedRole) : (user.defaultRole ?? 'PUBLIC');
  if (!user.roles.map((r) => r.toUpperCase()).includes(role.toUpperCase())) {
    return {
      ok: false,
      code: '390189',
      message: `Role '${role}' specified in the connect string does not exist or not authorized. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
    };
  }
  const grants = cfg.roles[role] ?? { warehouses: [], databases: [] };
  const askedWarehouse = req.query.get('warehouse');
  const wh = askedWarehouse ? fold(askedWarehouse) : (user.defaultWarehouse ?? null);
  const warehouse = wh !== null && cfg.warehouses.includes(wh) && grants.warehouses.includes(wh) ? wh : null;
  const askedDb = req.query.get('databaseName');
  const db = askedDb ? fold(askedDb) : null;
  const database = db !== null && cfg.databases.includes(db) && grants.databases.includes(db) ? db : null;
  const askedSchema = req.query.get('schemaName');
  return { ok: true, user, role, warehouse, database, schema: database !== null && askedSchema ? fold(askedSchema) : null };
}

export function canUse(cfg: FakeAccountConfig, role: string, kind: 'warehouses' | 'databases', name: string): boolean {
  const list = kind === 'warehouses' ? cfg.warehouses : cfg.databases;
  return list.includes(name) && (cfg.roles[role]?.[kind] ?? []).includes(name);
}

export { fold as foldName };
