import { deterministicUuid } from './deterministic-uuid';

describe('deterministicUuid', () => {
  it('matches the RFC 4122 version-5 test vector (DNS namespace, "python.org")', () => {
    expect(deterministicUuid('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('gives the same id for the same name and different ids for different names', () => {
    expect(deterministicUuid('intake:report:key-1:case')).toBe(deterministicUuid('intake:report:key-1:case'));
    expect(deterministicUuid('intake:report:key-1:case')).not.toBe(
      deterministicUuid('intake:report:key-2:case'),
    );
  });
});
