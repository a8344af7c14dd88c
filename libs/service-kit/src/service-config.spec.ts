import { ConfigError, loadConfig } from './service-config';

describe('loadConfig', () => {
  it('gives every service its defaults: port, schema, pool, topics', () => {
    const config = loadConfig('dispatch', {});
    expect(config).toMatchObject({
      service: 'dispatch',
      schema: 'dispatch',
      port: 3002,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/cityloop',
      dbPoolSize: 5,
      kafkaBrokers: ['127.0.0.1:9092'],
      kafkaPartitions: 6,
      kafkaTopicPrefix: '',
      publishes: true,
    });
    expect(loadConfig('projections', {}).publishes).toBe(false);
  });

  it('takes <SERVICE>_PORT before PORT', () => {
    expect(loadConfig('intake', { PORT: '4000' }).port).toBe(4000);
    expect(loadConfig('intake', { PORT: '4000', INTAKE_PORT: '4001' }).port).toBe(4001);
  });

  it('lists every wrong setting at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig('intake', {
        INTAKE_PORT: '99999',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        KAFKA_BROKERS: 'broker-without-port',
        DB_POOL_SIZE: 'many',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const variable of ['INTAKE_PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'DB_POOL_SIZE', 'LOG_LEVEL']) {
      expect(problems).toContain(variable);
    }
    expect(problems).not.toContain('hunter2'); // a password never reaches the logs
  });

  it("reads Open311's rate limits, refusing a limit that is not a positive whole number", () => {
    expect(loadConfig('intake', {}).open311Limits).toEqual({ readsPerMinute: 600, postsPerMinute: 60 });
    expect(
      loadConfig('intake', { OPEN311_READS_PER_MINUTE: '5', OPEN311_POSTS_PER_MINUTE: '2' }).open311Limits,
    ).toEqual({ readsPerMinute: 5, postsPerMinute: 2 });
    expect(() => loadConfig('intake', { OPEN311_POSTS_PER_MINUTE: '0' })).toThrow(/OPEN311_POSTS_PER_MINUTE/);
  });
});
