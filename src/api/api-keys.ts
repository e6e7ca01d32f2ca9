/**
 * API keys: `vk_<id>_<secret>`. Redis keeps only the id, role, program scope, a per-key salt and
 * sha256(salt || secret); the key itself is shown once at creation. The secret is 32 random bytes, so a fast hash
 * with a salt is enough (no dictionary to guess from), and it keeps authentication off the latency budget.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

export type Role = 'viewer' | 'pmo' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'pmo', 'admin'];

/** Who is calling: the key id (never the secret), its role and the programs it may see (`*` = all). */
export interface Principal {
  keyId: string;
  role: Role;
  programs: string[] | '*';
  label: string;
}

interface StoredKey {
  id: string;
  role: Role;
  programs: string[] | '*';
  label: string;
  salt: string;
  hash: string;
  created: string;
}

const RANK: Record<Role, number> = { viewer: 0, pmo: 1, admin: 2 };

export function roleAtLeast(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

export function canSeeProgram(p: Principal, program: string): boolean {
  return p.programs === '*' || p.programs.includes(program);
}

function digest(salt: string, secret: string): string {
  return createHash('sha256').update(salt).update(secret).digest('hex');
}

const KEY_RE = /^vk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export class ApiKeyStore {
  /** Verified keys, briefly, so a burst of requests costs one Redis read; revocation takes effect within `cacheMs`. */
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly redis: Redis,
    /** e.g. `{vitals}:api:` */
    private readonly prefix: string,
    private readonly cacheMs = 5_000,
  ) {}

  private get hashKey(): string {
    return `${this.prefix}keys`;
  }

  /** Creates a key; the returned `key` is the only copy of the secret. */
  async create(input: { role: Role; programs: string[] | '*'; label?: string; now: Date }): Promise<{ id: string; key: string }> {
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    const stored: StoredKey = {
      id,
      role: input.role,
      programs: input.programs,
      label: input.label ?? '',
      salt,
      hash: digest(salt, secret),
      created: input.now.toISOString(),
    };
    await this.redis.hset(this.hashKey, id, JSON.stringify(stored));
    return { id, key: `vk_${id}_${secret}` };
  }

  async revoke(id: string): Promise<boolean> {
    this.cache.clear();
    return (await this.redis.hdel(this.hashKey, id)) === 1;
  }

  async list(): Promise<Array<Omit<StoredKey, 'salt' | 'hash'>>> {
    const all = await this.redis.hvals(this.hashKey);
    return all.map((j) => {
      const { salt: _s, hash: _h, ...rest } = JSON.parse(j) as StoredKey;
      return rest;
    });
  }

  /** The principal for a presented key, or null (unknown, malformed or wrong secret). */
  async verify(presented: string, nowMs: number): Promise<Principal | null> {
    const hit = this.cache.get(presented);
    if (hit && hit.until > nowMs) return hit.principal;
    const m = KEY_RE.exec(presented);
    if (!m) return null;
    const [, id = '', secret = ''] = m;
    const raw = await this.redis.hget(this.hashKey, id);
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredKey;
    const expected = Buffer.from(stored.hash, 'hex');
    const actual = Buffer.from(digest(stored.salt, secret), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const principal: Principal = { keyId: id, role: stored.role, programs: stored.programs, label: stored.label };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(presented, { principal, until: nowMs + this.cacheMs });
    return principal;
  }
}
