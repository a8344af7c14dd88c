import { idleLoopFixed } from './kafkajs-idle-loop';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

const newQueue = () =>
  new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'localhost:9092',
    logger: { debug: () => undefined },
  });

describe("kafkajs' idle request-queue loop", () => {
  it('is fixed for the installed kafkajs (an upgrade must be checked against tulios/kafkajs#1556)', () => {
    expect(idleLoopFixed).toBe(true);
  });

  it('schedules no check while nothing is pending', () => {
    const queue = newQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });

  it('checks again when the throttle ends while a request is pending', () => {
    // A limit, so that a timer loop fails the test instead of hanging it.
    jest.useFakeTimers({ timerLimit: 10_000 });
    try {
      const queue = newQueue();
      const sent: unknown[] = [];
      queue.sendSocketRequest = (request: unknown) => sent.push(request);
      queue.maybeThrottle(500);
      queue.pending.push({ correlationId: 1 });
      queue.scheduleCheckPendingRequests();
      expect(queue.throttleCheckTimeoutId).not.toBeNull();
      jest.advanceTimersByTime(499);
      expect(sent).toHaveLength(0);
      jest.advanceTimersByTime(20);
      expect(sent).toHaveLength(1);
      expect(queue.throttleCheckTimeoutId).toBeNull();
      queue.destroy();
    } finally {
      jest.useRealTimers();
    }
  });
});
