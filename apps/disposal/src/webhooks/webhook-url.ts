import { DomainError } from '@cityloop/domain';
import { isIP } from 'node:net';

export const MAX_URL_LENGTH = 2048;

/** Why an endpoint URL is refused: a stable code and what to change. */
export interface UrlRefusal {
  code: 'WEBHOOK.INVALID_URL' | 'WEBHOOK.HTTPS_REQUIRED' | 'WEBHOOK.URL_NOT_ALLOWED';
  problem: string;
}

/**
 * The rules for an endpoint URL: absolute http(s) with a host, no credentials (the signature
 * authenticates Cityloop, and a password in a URL ends up in logs), no fragment. In production,
 * https only, and not this machine or a link-local address (cloud metadata): a department's
 * system on a private network is fine, its host named or numbered. Names are not resolved here.
 */
export function refusalOf(raw: string, production: boolean): UrlRefusal | null {
  if (raw.length > MAX_URL_LENGTH)
    return { code: 'WEBHOOK.INVALID_URL', problem: `at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'WEBHOOK.INVALID_URL', problem: 'not an absolute URL (https://host/path)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { code: 'WEBHOOK.INVALID_URL', problem: `scheme ${url.protocol.slice(0, -1)}: use https` };
  if (production && url.protocol !== 'https:')
    return { code: 'WEBHOOK.HTTPS_REQUIRED', problem: 'https is required' };
  if (!url.hostname) return { code: 'WEBHOOK.INVALID_URL', problem: 'no host' };
  if (url.username || url.password)
    return {
      code: 'WEBHOOK.INVALID_URL',
      problem: 'no user name or password in the URL: check the Cityloop-Signature header instead',
    };
  if (url.hash) return { code: 'WEBHOOK.INVALID_URL', problem: 'no fragment (#...)' };
  if (production && isLocal(url.hostname))
    return {
      code: 'WEBHOOK.URL_NOT_ALLOWED',
      problem: 'not a loopback, unspecified or link-local address',
    };
  return null;
}

/** The URL, or a 400 naming the field with the rule it broke; nothing is stored. */
export function requireEndpointUrl(raw: string, production: boolean): string {
  const refusal = refusalOf(raw, production);
  if (refusal) {
    throw new DomainError(refusal.code, `url refused: ${refusal.problem}`, 400, [
      { field: 'url', problems: [refusal.problem] },
    ]);
  }
  return new URL(raw).toString();
}

function isLocal(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 127 || a === 0 || (a === 169 && b === 254);
  }
  if (isIP(host) === 6) {
    if (host === '::1' || host === '::') return true;
    if (/^fe[89ab]/.test(host)) return true; // fe80::/10, link-local
    // An IPv4 address mapped into IPv6 (::ffff:127.0.0.1, which the URL parser writes ::ffff:7f00:1).
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (!mapped) return false;
    const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return isLocal(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return false;
}
