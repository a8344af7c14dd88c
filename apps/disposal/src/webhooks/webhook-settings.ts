import { ConfigError, wholeNumberSetting, type Env } from '@cityloop/service-kit';

/**
 * The development key that seals webhook secrets when WEBHOOK_SECRETS_KEY is unset (refused in
 * production). Public on purpose: it protects nothing.
 */
export const DEVELOPMENT_SECRETS_KEY = 'cityloop-development-webhook-secrets-key-do-not-use';

/** DI token of the WebhookSettings. */
export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/** How webhook deliveries are retried and paced (docs/WEBHOOKS.md lists the variables). */
export interface RetrySchedule {
  /** The wait after the first failed attempt; each further failure doubles it... */
  baseMs: number;
  /** ...up to this cap. */
  maxMs: number;
  /** Attempts in all, the first included; then the delivery is given up as failed. */
  maxAttempts: number;
}

export interface WebhookSettings {
  retry: RetrySchedule;
  /** One attempt's limit: connecting, sending and the answer's status line. */
  timeoutMs: number;
  /** How often a worker looks for due deliveries when the last look found fewer than it could take. */
  pollMs: number;
  /** Deliveries one process attempts at once (and claims per look). */
  concurrency: number;
  /** Finished deliveries (and their attempts) are kept this long in the log, then pruned. */
  logRetentionDays: number;
  /** Seals each endpoint's signing secret at rest (webhook-secret-box.ts). */
  secretsKey: string;
  secretsKeyIsDevelopmentDefault: boolean;
  /** https only, and no loopback or link-local hosts (webhook-url.ts). */
  production: boolean;
}

/** Reads the webhook settings; every wrong one is listed at once (exit 78, as for the rest). */
export function loadWebhookSettings(env: Env, production: boolean): WebhookSettings {
  const problems: string[] = [];
  const baseMs = wholeNumberSetting(env, 'WEBHOOK_RETRY_BASE_MS', 2_000, 10, 3_600_000, problems);
  const maxMs = wholeNumberSetting(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000, problems);
  if (maxMs < baseMs) problems.push(`WEBHOOK_RETRY_MAX_MS=${maxMs}: must not be below WEBHOOK_RETRY_BASE_MS`);
  const secretsKey = env.WEBHOOK_SECRETS_KEY ?? '';
  if (production && secretsKey.length === 0)
    problems.push('WEBHOOK_SECRETS_KEY: required when NODE_ENV=production');
  else if (secretsKey.length > 0 && secretsKey.length < 32)
    problems.push('WEBHOOK_SECRETS_KEY: at least 32 characters');
  const settings: WebhookSettings = {
    retry: {
      baseMs,
      maxMs,
      maxAttempts: wholeNumberSetting(env, 'WEBHOOK_MAX_ATTEMPTS', 20, 1, 100, problems),
    },
    timeoutMs: wholeNumberSetting(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000, problems),
    pollMs: wholeNumberSetting(env, 'WEBHOOK_POLL_MS', 1_000, 20, 60_000, problems),
    concurrency: wholeNumberSetting(env, 'WEBHOOK_CONCURRENCY', 8, 1, 64, problems),
    logRetentionDays: wholeNumberSetting(env, 'WEBHOOK_LOG_RETENTION_DAYS', 30, 1, 3650, problems),
    secretsKey: secretsKey || DEVELOPMENT_SECRETS_KEY,
    secretsKeyIsDevelopmentDefault: secretsKey.length === 0,
    production,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
