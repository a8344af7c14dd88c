import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { ServiceCatalogue } from '../services/service-catalogue';
import { serviceRequestOf, type ReportedCase } from './service-request-view';

const district = DistrictReference.load(demoPackPath());
const catalogue = new ServiceCatalogue(district);
const garbage = district.pack.categories.find((c) => c.name === '暴露垃圾')!;

const reported: ReportedCase = {
  caseId: '0b4bd4b6-1f7e-4a39-9c55-4d6cdd2f2d8a',
  status: 'reported',
  categoryCode: garbage.code,
  source: 'open311',
  urgency: 'normal',
  description: '路边垃圾',
  addressText: '滨江路 1 号',
  lat: 31.2425,
  lng: 121.4607,
  reportedAt: new Date('2026-07-06T02:00:00Z'),
  departmentId: null,
  deadlineAt: null,
  closedAt: null,
  rejectedAt: null,
  updatedAt: new Date('2026-07-06T02:00:00Z'),
};

describe('a case as an Open311 service request', () => {
  it('is open, with its full status in status_notes, in the district time zone', () => {
    expect(serviceRequestOf(reported, catalogue, district)).toEqual({
      service_request_id: reported.caseId,
      status: 'open',
      status_notes: 'reported',
      service_name: '暴露垃圾',
      service_code: garbage.code,
      description: '路边垃圾',
      agency_responsible: null,
      service_notice: 'To be fixed within 4 working hours of dispatch to the responsible department.',
      requested_datetime: '2026-07-06T10:00:00+08:00',
      updated_datetime: '2026-07-06T10:00:00+08:00',
      expected_datetime: null,
      address: '滨江路 1 号',
      address_id: null,
      zipcode: null,
      lat: 31.2425,
      long: 121.4607,
      media_url: null,
    });
  });

  it("names the department it is dispatched to and the order's deadline", () => {
    const dispatched = {
      ...reported,
      status: 'dispatched',
      departmentId: 'sanitation',
      deadlineAt: new Date('2026-07-06T07:00:00Z'),
      updatedAt: new Date('2026-07-06T02:30:00Z'),
    };
    expect(serviceRequestOf(dispatched, catalogue, district)).toMatchObject({
      status: 'open',
      status_notes: 'dispatched',
      agency_responsible: '区环境卫生管理所',
      expected_datetime: '2026-07-06T15:00:00+08:00',
      updated_datetime: '2026-07-06T10:30:00+08:00',
    });
  });

  it('is closed when closed or rejected, updated when it was', () => {
    const closed = {
      ...reported,
      status: 'closed',
      closedAt: new Date('2026-07-06T06:00:00Z'),
      updatedAt: new Date('2026-07-07T01:00:00Z'), // a follow-up call came after
    };
    expect(serviceRequestOf(closed, catalogue, district)).toMatchObject({
      status: 'closed',
      status_notes: 'closed',
      updated_datetime: '2026-07-06T14:00:00+08:00',
    });
    const rejected = { ...reported, status: 'rejected', rejectedAt: new Date('2026-07-06T03:00:00Z') };
    expect(serviceRequestOf(rejected, catalogue, district)).toMatchObject({
      status: 'closed',
      status_notes: 'rejected',
      updated_datetime: '2026-07-06T11:00:00+08:00',
    });
  });

  it('uses the urgent time limit for an urgent report', () => {
    expect(serviceRequestOf({ ...reported, urgency: 'urgent' }, catalogue, district).service_notice).toBe(
      `To be fixed within ${garbage.urgentTimeLimit.amount} working hours of dispatch to the responsible department.`,
    );
  });
});
