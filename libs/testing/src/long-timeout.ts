// Integration and end-to-end tests wait for real outcomes (a broker, a restarted process) with a
// generous timeout; how fast they come is for the benchmarks to measure, not for a test to race.
jest.setTimeout(180_000);
