import { DomainError } from '@cityloop/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** An Idempotency-Key header: 1 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Canonical JSON (keys sorted at every level): the same request always hashes the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const fingerprintOf = (request: unknown): string =>
  createHash('sha256').update(canonical(request)).digest('hex');

/**
 * Idempotency-Key: a retried POST gets the first answer back. The key is stored with the
 * request's fingerprint and the answer, in the same transaction as the events it produced.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The first answer for this key, or null. The same key with a different request is refused. */
  async find<T>(scope: string, key: string, fingerprint: string): Promise<T | null> {
    const found: { request_hash: string; response: T }[] = await this.dataSource.query(
      'SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    if (found.length === 0) return null;
    if (found[0].request_hash !== fingerprint) {
      throw new DomainError(
        'REQUEST.IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used for a different request',
        422,
      );
    }
    return found[0].response;
  }

  async remember(
    manager: EntityManager,
    scope: string,
    key: string,
    fingerprint: string,
    response: unknown,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO idempotency_keys (scope, key, request_hash, response) VALUES ($1, $2, $3, $4)',
      [scope, key, fingerprint, JSON.stringify(response)],
    );
  }
}
