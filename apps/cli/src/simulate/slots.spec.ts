import { Slots } from './slots';

describe('slots', () => {
  it('runs at most `size` tasks at once, and all of them', async () => {
    const slots = new Slots(3);
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, () => slots.run(task)));
    expect(most).toBe(3);
    expect(slots.inUse).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });
});
