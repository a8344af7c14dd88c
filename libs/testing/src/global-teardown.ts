/** Stops the containers global-setup started (none when the services came from the environment). */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis as unknown as Record<string, { stop(): Promise<unknown> } | undefined>;
  await started.__cityloopKafka?.stop();
  await started.__cityloopPostgres?.stop();
}
