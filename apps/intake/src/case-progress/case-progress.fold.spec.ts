import { shanghai2026 } from '@cityloop/domain/calendar/calendar.fixture';
import { CaseStory } from '@cityloop/testing/case-story';
import { caseProgressOf } from './case-progress.fold';

const place = { categoryCode: '1102', gridCellCode: '310199001001001', lng: 121.455, lat: 31.242 };
const local = (wallTime: string) => `${wallTime}+08:00`;
const at = (wallTime: string) => new Date(local(wallTime));
const context = { calendar: shanghai2026, rules: { disposalClockFrom: 'dispatch' as const } };

const progress = (story: CaseStory) => caseProgressOf(story.caseId, story.timeline(), context);

const dispatchedCase = () =>
  new CaseStory('22222222-2222-4222-8222-222222222222', place, 'open311')
    .reported(local('2026-07-06T10:00:00'))
    .filed(local('2026-07-06T10:30:00'))
    .dispatched(local('2026-07-06T10:30:00'), 'sanitation', local('2026-07-06T16:00:00'));

describe("caseProgressOf: intake's record of how a case is going", () => {
  it('says what the first report said, where, and who has the case until when', () => {
    expect(progress(dispatchedCase())).toEqual({
      caseId: '22222222-2222-4222-8222-222222222222',
      status: 'dispatched',
      categoryCode: '1102',
      source: 'open311',
      urgency: 'normal',
      description: 'test',
      addressText: null,
      lat: 31.242,
      lng: 121.455,
      reportedAt: at('2026-07-06T10:00:00'),
      departmentId: 'sanitation',
      deadlineAt: at('2026-07-06T16:00:00'),
      closedAt: null,
      rejectedAt: null,
      updatedAt: at('2026-07-06T10:30:00'),
    });
  });

  it('is the same whatever order the events of the services come in', () => {
    const story = dispatchedCase()
      .signed(local('2026-07-06T11:00:00'))
      .disposed(local('2026-07-06T15:00:00'));
    const forward = progress(story);
    story.events.reverse();
    expect(progress(story)).toEqual(forward);
    expect(forward.status).toBe('disposed');
  });

  it('follows the deadline through an extension and a postponement, and the department through a re-dispatch', () => {
    const story = dispatchedCase().extended(local('2026-07-06T12:00:00'), local('2026-07-07T12:00:00'));
    expect(progress(story).deadlineAt).toEqual(at('2026-07-07T12:00:00'));
    story.postponed(local('2026-07-06T13:00:00'));
    expect(progress(story).status).toBe('postponed');
    story.resumed(local('2026-07-08T09:00:00'), local('2026-07-09T10:00:00'));
    expect(progress(story)).toMatchObject({ status: 'dispatched', deadlineAt: at('2026-07-09T10:00:00') });

    story
      .returnApproved(local('2026-07-08T10:00:00'))
      .dispatched(local('2026-07-08T10:00:00'), 'greening', local('2026-07-08T15:00:00'));
    expect(progress(story)).toMatchObject({
      status: 'dispatched',
      departmentId: 'greening',
      deadlineAt: at('2026-07-08T15:00:00'),
    });
  });

  it('is closed when the check passes, open again when reopened, and rejected when the chief refuses it', () => {
    const story = dispatchedCase()
      .disposed(local('2026-07-06T15:00:00'))
      .closed(local('2026-07-06T16:00:00'));
    expect(progress(story)).toMatchObject({ status: 'closed', closedAt: at('2026-07-06T16:00:00') });
    story.reopened(local('2026-07-07T09:00:00'));
    expect(progress(story)).toMatchObject({ status: 'reopened', closedAt: null });

    const refused = new CaseStory('33333333-3333-4333-8333-333333333333', place)
      .reported(local('2026-07-06T10:00:00'))
      .rejected(local('2026-07-06T10:20:00'));
    expect(progress(refused)).toMatchObject({ status: 'rejected', rejectedAt: at('2026-07-06T10:20:00') });
  });

  it('knows nothing of the report before its CaseReported arrives', () => {
    const story = dispatchedCase();
    story.events.splice(0, 1);
    expect(progress(story)).toMatchObject({ reportedAt: null, description: null, status: 'dispatched' });
  });
});
