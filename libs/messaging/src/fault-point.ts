/**
 * Named places where a fault test can make this process die on the spot, as a power cut would.
 * Armed by the environment, never in production: CITYLOOP_FAULTS="relay.after-publish:3" kills
 * the process with SIGKILL the 3rd time it passes that point.
 */
export type FaultPointName = 'relay.after-publish' | 'consumer.after-commit';

const armed = parseFaults(process.env.CITYLOOP_FAULTS);
const passes = new Map<string, number>();

function parseFaults(spec: string | undefined): Map<string, number> {
  const faults = new Map<string, number>();
  if (!spec || process.env.NODE_ENV === 'production') return faults;
  for (const item of spec.split(',')) {
    const [name, count] = item.trim().split(':');
    if (name) faults.set(name, Number(count ?? 1));
  }
  return faults;
}

export function faultPoint(name: FaultPointName): void {
  const at = armed.get(name);
  if (at === undefined) return;
  const passed = (passes.get(name) ?? 0) + 1;
  passes.set(name, passed);
  if (passed >= at) {
    process.stderr.write(`fault point ${name} reached (${passed}): SIGKILL\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
