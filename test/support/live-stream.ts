/** A Server-Sent Events client for tests: collects the `data:` frames of GET /live as parsed JSON. */
export class LiveStream {
  readonly frames: Record<string, unknown>[] = [];
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  private constructor(private readonly onFrame?: (frame: Record<string, unknown>) => void) {}

  /** `onFrame` is called as each frame arrives (e.g. to time it). */
  static async open(url: string, onFrame?: (frame: Record<string, unknown>) => void): Promise<LiveStream> {
    const stream = new LiveStream(onFrame);
    const response = await fetch(url, {
      signal: stream.abort.signal,
      headers: { accept: 'text/event-stream' },
    });
    if (response.status !== 200 || !response.body) throw new Error(`GET ${url}: ${response.status}`);
    stream.done = stream.read(response.body);
    return stream;
  }

  /** Waits for a frame matching `predicate`, for up to `timeoutMs`. */
  async next(
    predicate: (frame: Record<string, unknown>) => boolean,
    timeoutMs = 10_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such live frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done.catch(() => undefined);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        if (lines.some((l) => l.startsWith('event:'))) continue; // named events (heartbeats)
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim());
        if (data.length === 0) continue;
        const frame = JSON.parse(data.join('\n')) as Record<string, unknown>;
        this.frames.push(frame);
        this.onFrame?.(frame);
      }
    }
  }
}
