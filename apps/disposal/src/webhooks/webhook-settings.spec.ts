import { ConfigError } from '@cityloop/service-kit';
import { DEVELOPMENT_SECRETS_KEY, loadWebhookSettings } from './webhook-settings';

const problemsOf = (env: Record<string, string>, production = false): string[] => {
  try {
    loadWebhookSettings(env, production);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('webhook settings', () => {
  it('have defaults for development: 2 s doubling to an hour, 20 attempts, 10 s per attempt', () => {
    expect(loadWebhookSettings({}, false)).toMatchObject({
      retry: { baseMs: 2_000, maxMs: 3_600_000, maxAttempts: 20 },
      timeoutMs: 10_000,
      pollMs: 1_000,
      concurrency: 8,
      logRetentionDays: 30,
      secretsKey: DEVELOPMENT_SECRETS_KEY,
      secretsKeyIsDevelopmentDefault: true,
      production: false,
    });
  });

  it('require a real secrets key in production', () => {
    expect(problemsOf({}, true)).toEqual(['WEBHOOK_SECRETS_KEY: required when NODE_ENV=production']);
    expect(problemsOf({ WEBHOOK_SECRETS_KEY: 'short' }, true)).toEqual([
      'WEBHOOK_SECRETS_KEY: at least 32 characters',
    ]);
    const key = 'k'.repeat(32);
    expect(loadWebhookSettings({ WEBHOOK_SECRETS_KEY: key }, true)).toMatchObject({
      secretsKey: key,
      secretsKeyIsDevelopmentDefault: false,
      production: true,
    });
  });

  it('list every wrong setting at once, naming the variable', () => {
    expect(
      problemsOf({
        WEBHOOK_RETRY_BASE_MS: '5000',
        WEBHOOK_RETRY_MAX_MS: '1000',
        WEBHOOK_MAX_ATTEMPTS: '0',
        WEBHOOK_TIMEOUT_MS: 'ten',
        WEBHOOK_CONCURRENCY: '1000',
      }),
    ).toEqual([
      'WEBHOOK_RETRY_MAX_MS=1000: must not be below WEBHOOK_RETRY_BASE_MS',
      'WEBHOOK_MAX_ATTEMPTS=0: expected a whole number from 1 to 100',
      'WEBHOOK_TIMEOUT_MS=ten: expected a whole number from 100 to 60000',
      'WEBHOOK_CONCURRENCY=1000: expected a whole number from 1 to 64',
    ]);
  });
});
