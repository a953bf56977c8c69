// The operator's role and the PIN that guards raising it (issue #8). Viewer: no actions;
// technician: read-only and disruptive; supervisor: all. Lowering the role is free; raising it
// needs the PIN, which is kept in the data directory as a salted scrypt hash and compared in
// constant time. After a few wrong PINs in a row, attempts are refused for a while.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Refusal, Risk, Role, RoleState } from '../../shared/api/requests-actions';
import { createLogger, dataDirectory } from '../log';

export const ACTION_SETTINGS_FILE = 'action-settings.json';
export const PIN_PATTERN = /^\d{4,12}$/;
const MAX_WRONG_PINS = 5;
const LOCKOUT_MS = 30_000;

const roleRank: Record<Role, number> = { viewer: 0, technician: 1, supervisor: 2 };

const riskRole: Record<Risk, Role> = {
  'read-only': 'technician',
  disruptive: 'technician',
  destructive: 'supervisor',
};

/** Whether a role may run an action of this risk. */
export function rolePermits(role: Role, risk: Risk): boolean {
  return roleRank[role] >= roleRank[riskRole[risk]];
}

/** scrypt's cost: N = 2^15 takes ~50-100 ms, once per attempt. */
const scryptParameters = { N: 32_768, r: 8, p: 1, keyLength: 32 };

const pinHashSchema = z.object({
  algorithm: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: z.string().min(1),
  hash: z.string().min(1),
});
type PinHash = z.infer<typeof pinHashSchema>;

const settingsSchema = z.object({ version: z.literal(1), pin: pinHashSchema.nullable() });
type Settings = z.infer<typeof settingsSchema>;

export function hashPin(pin: string, salt = randomBytes(16)): PinHash {
  const { N, r, p, keyLength } = scryptParameters;
  const hash = scryptSync(pin, salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return {
    algorithm: 'scrypt',
    N,
    r,
    p,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
}

export function pinMatches(pin: string, stored: PinHash): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(stored.salt, 'base64'), expected.length, {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface RoleStoreOptions {
  /** Default `<data directory>/action-settings.json`. */
  file?: string;
  /** The role a session starts in; default viewer. */
  initialRole?: Role;
  now?: () => number;
}

export class RoleStore {
  readonly file: string;
  private role: Role;
  private wrongPins = 0;
  private lockedUntilMs = 0;
  private readonly now: () => number;
  private readonly log = createLogger('roles');

  constructor(options: RoleStoreOptions = {}) {
    this.file = options.file ?? join(dataDirectory(), ACTION_SETTINGS_FILE);
    this.role = options.initialRole ?? 'viewer';
    this.now = options.now ?? Date.now;
  }

  get current(): Role {
    return this.role;
  }

  state(actionsAvailable: boolean): RoleState {
    return { role: this.role, pinSet: this.read().pin !== null, actionsAvailable };
  }

  /** Changes the role; a higher one needs the PIN. */
  setRole(role: Role, pin?: string): { ok: true } | Refusal {
    if (roleRank[role] <= roleRank[this.role]) {
      this.change(role);
      return { ok: true };
    }
    const stored = this.read().pin;
    if (!stored) {
      return refuse(
        `raising the role to ${role} needs a PIN; set one in Settings or the Actions view first`,
      );
    }
    if (pin === undefined) return refuse(`raising the role to ${role} needs the PIN`);
    const checked = this.checkPin(pin, stored);
    if (checked) return checked;
    this.change(role);
    return { ok: true };
  }

  /** Sets the PIN; changing an existing one needs the current PIN. */
  setPin(pin: string, currentPin?: string): { ok: true } | Refusal {
    if (!PIN_PATTERN.test(pin)) return refuse('the PIN must be 4 to 12 digits');
    const stored = this.read().pin;
    if (stored) {
      if (currentPin === undefined) return refuse('changing the PIN needs the current PIN');
      const checked = this.checkPin(currentPin, stored);
      if (checked) return checked;
    }
    this.write({ version: 1, pin: hashPin(pin) });
    this.log.info({ file: this.file }, stored ? 'PIN changed' : 'PIN set');
    return { ok: true };
  }

  private checkPin(pin: string, stored: PinHash): Refusal | null {
    const waitMs = this.lockedUntilMs - this.now();
    if (waitMs > 0) {
      return refuse(`too many wrong PINs; try again in ${Math.ceil(waitMs / 1000)} s`);
    }
    if (pinMatches(pin, stored)) {
      this.wrongPins = 0;
      return null;
    }
    this.wrongPins += 1;
    this.log.warn({ wrongPins: this.wrongPins }, 'wrong PIN');
    if (this.wrongPins >= MAX_WRONG_PINS) {
      this.wrongPins = 0;
      this.lockedUntilMs = this.now() + LOCKOUT_MS;
      return refuse(`wrong PIN; too many in a row, so the next try waits ${LOCKOUT_MS / 1000} s`);
    }
    return refuse('wrong PIN');
  }

  private change(role: Role): void {
    if (role !== this.role) this.log.info({ from: this.role, to: role }, 'role changed');
    this.role = role;
  }

  /** The settings file; a missing one is no PIN, an unreadable one is reported and ignored. */
  private read(): Settings {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, pin: null };
    }
    try {
      return settingsSchema.parse(JSON.parse(text));
    } catch (error) {
      this.log.error({ file: this.file, err: error }, 'action settings unreadable; no PIN set');
      return { version: 1, pin: null };
    }
  }

  private write(settings: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}

function refuse(reason: string): Refusal {
  return { ok: false, code: 'role', reason };
}
