import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { ServiceCatalogue } from './service-catalogue';

const district = DistrictReference.load(demoPackPath());
const catalogue = new ServiceCatalogue(district);

describe("the district's categories as Open311 services", () => {
  it('lists every category once, by code, as a realtime service with a definition', () => {
    expect(catalogue.services.map((s) => s.service_code)).toEqual(
      district.pack.categories.map((c) => c.code).sort(),
    );
    expect(catalogue.services.every((s) => s.type === 'realtime' && s.metadata)).toBe(true);
  });

  it('names a service and its group as the catalogue does, and says who handles it in what time', () => {
    const garbage = catalogue.services.find((s) => s.service_name === '暴露垃圾')!;
    expect(garbage).toMatchObject({
      group: '事件·市容环境',
      keywords: expect.stringContaining('Exposed garbage'),
      description: expect.stringContaining('区环境卫生管理所'),
    });
    expect(garbage.description).toContain('4 working hours');
  });

  it('defines the time limit (shown, not asked) and the urgency and onset a client may send', () => {
    const manholeCover = district.pack.categories.find((c) => c.name === '井盖缺失')!;
    const definition = catalogue.definition(manholeCover.code)!;
    expect(definition.attributes.map((a) => [a.code, a.variable, a.datatype, a.required])).toEqual([
      ['time_limit', false, 'text', false],
      ['urgency', true, 'singlevaluelist', false],
      ['onset', true, 'datetime', false],
    ]);
    expect(definition.attributes[0].description).toContain('6 hours (round the clock)');
    expect(definition.attributes[1].values?.map((v) => v.key)).toEqual(['normal', 'urgent']);
    expect(catalogue.definition('9999')).toBeUndefined();
  });
});
