import { withoutNullFields } from './validation.pipe';

describe('withoutNullFields: null is "not sent"', () => {
  it('drops fields set to null, nested ones too, and keeps everything else', () => {
    expect(
      withoutNullFields({
        occurredAt: null,
        reporter: { name: null, phone: '13800138000' },
        findings: [{ ref: 'a', gridCellCode: null }, null],
        passed: false,
        hours: 0,
        notes: '',
      }),
    ).toEqual({
      reporter: { phone: '13800138000' },
      findings: [{ ref: 'a' }, null],
      passed: false,
      hours: 0,
      notes: '',
    });
  });

  it('leaves what is not an object alone', () => {
    expect([withoutNullFields(null), withoutNullFields('x'), withoutNullFields(3)]).toEqual([null, 'x', 3]);
  });
});
