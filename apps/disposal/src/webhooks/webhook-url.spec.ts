import { DomainError } from '@cityloop/domain';
import { refusalOf, requireEndpointUrl } from './webhook-url';

const codeOf = (url: string, production: boolean) => refusalOf(url, production)?.code ?? 'accepted';

describe('webhook endpoint URLs', () => {
  it('accept https anywhere, and http outside production (development, tests on loopback)', () => {
    expect(codeOf('https://hooks.sanitation.example.gov.cn/cityloop', true)).toBe('accepted');
    expect(codeOf('https://10.12.0.7:8443/hook?dept=water', true)).toBe('accepted'); // a department's intranet
    expect(codeOf('http://127.0.0.1:4567/hook', false)).toBe('accepted');
    expect(codeOf('http://localhost:4567/hook', false)).toBe('accepted');
  });

  it('require https in production', () => {
    expect(codeOf('http://hooks.sanitation.example.gov.cn/cityloop', true)).toBe('WEBHOOK.HTTPS_REQUIRED');
  });

  it('refuse other schemes and malformed URLs, whatever the mode', () => {
    for (const production of [false, true]) {
      for (const url of [
        'ftp://example.com/hook',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'gopher://example.com/',
        'example.com/hook',
        '/hook',
        'https://',
        'not a url',
        '',
        `https://example.com/${'a'.repeat(2048)}`,
      ]) {
        expect([url, codeOf(url, production)]).toEqual([url, 'WEBHOOK.INVALID_URL']);
      }
    }
  });

  it('refuse credentials and fragments in the URL', () => {
    expect(codeOf('https://user:pass@example.com/hook', false)).toBe('WEBHOOK.INVALID_URL');
    expect(codeOf('https://token@example.com/hook', false)).toBe('WEBHOOK.INVALID_URL');
    expect(codeOf('https://example.com/hook#part', false)).toBe('WEBHOOK.INVALID_URL');
  });

  it('refuse this machine and link-local addresses (cloud metadata) in production, in any spelling', () => {
    for (const url of [
      'https://localhost/hook',
      'https://api.localhost/hook',
      'https://127.0.0.1/hook',
      'https://127.1.2.3/hook',
      'https://0x7f.1/hook',
      'https://2130706433/hook',
      'https://0.0.0.0/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[::]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
    ]) {
      expect([url, codeOf(url, true)]).toEqual([url, 'WEBHOOK.URL_NOT_ALLOWED']);
    }
    expect(codeOf('https://[2001:db8::1]/hook', true)).toBe('accepted');
    expect(codeOf('https://[::ffff:10.0.0.1]/hook', true)).toBe('accepted');
  });

  it('answer a refusal as a 400 naming the field, and give back the URL normalised', () => {
    expect(requireEndpointUrl('https://Example.COM:443/hook', true)).toBe('https://example.com/hook');
    let error: unknown;
    try {
      requireEndpointUrl('http://example.com/hook', true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'WEBHOOK.HTTPS_REQUIRED',
      status: 400,
      details: [{ field: 'url', problems: ['https is required'] }],
    });
  });
});
