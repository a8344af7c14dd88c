import { DomainError } from '../domain-error';
import { responsibleDepartment } from './responsibility';
import { samplePack } from './testing/sample-district';

describe('responsibleDepartment', () => {
  const pack = samplePack();

  it("takes the street's override where its matrix has one", () => {
    expect(responsibleDepartment(pack, '1102', '310199002')).toBe('office-b');
  });

  it("falls back to the category's default department", () => {
    expect(responsibleDepartment(pack, '1102', '310199001')).toBe('sanitation');
    expect(responsibleDepartment(pack, '0101', '310199002')).toBe('water');
  });

  it('refuses an unknown category', () => {
    expect(() => responsibleDepartment(pack, '9999', '310199001')).toThrow(DomainError);
  });
});
