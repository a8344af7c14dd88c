import { Agent, request } from 'node:http';

/** Keep-alive connections, as many as the load needs: a request never waits for a free socket. */
const agent = new Agent({ keepAlive: true, maxSockets: 2048 });

/** POSTs a JSON body and resolves with the status (the body read and dropped). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
