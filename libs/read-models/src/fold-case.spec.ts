import { shanghai2026 } from '@cityloop/domain/calendar/calendar.fixture';
import { CaseStory } from '@cityloop/testing/case-story';
import { foldCase } from './fold-case';

const place = { categoryCode: '1102', gridCellCode: '310199001001001', lng: 121.455, lat: 31.242 };
const local = (wallTime: string) => `${wallTime}+08:00`;
const at = (wallTime: string) => new Date(local(wallTime));

const fold = (story: CaseStory, clockFrom: 'dispatch' | 'sign' = 'dispatch') =>
  foldCase(story.caseId, story.timeline(), {
    calendar: shanghai2026,
    rules: { disposalClockFrom: clockFrom },
  });

describe('foldCase: the case record from its events', () => {
  const loop = () =>
    new CaseStory('11111111-1111-4111-8111-111111111111', place)
      .reported(local('2026-07-06T10:00:00'))
      .filed(local('2026-07-06T10:30:00'))
      .dispatched(local('2026-07-06T10:30:00'), 'sanitation', local('2026-07-06T16:00:00'));

  it('is the same whatever order the events come in', () => {
    const story = loop().signed(local('2026-07-06T11:00:00')).disposed(local('2026-07-06T15:00:00'));
    const forward = fold(story);
    story.events.reverse();
    expect(fold(story)).toEqual(forward);
    expect(forward).toMatchObject({
      status: 'disposed',
      departmentId: 'sanitation',
      disposedAt: at('2026-07-06T15:00:00'),
    });
  });

  it('takes the last disposal of the current order, none while it is back in rework', () => {
    const story = loop().disposed(local('2026-07-06T15:00:00')).failed(local('2026-07-06T15:30:00'));
    expect(fold(story)).toMatchObject({ status: 'rework', disposedAt: null, verificationFailures: 1 });
    story.disposed(local('2026-07-06T16:30:00'));
    expect(fold(story)).toMatchObject({
      disposedAt: at('2026-07-06T16:30:00'),
      disposeWorkingSeconds: 4.5 * 3600,
    });
  });

  it('starts the disposal clock at signing where the district counts from sign-off', () => {
    const story = loop().signed(local('2026-07-06T13:30:00')).disposed(local('2026-07-06T15:00:00'));
    expect(fold(story, 'sign').disposeWorkingSeconds).toBe(1.5 * 3600);
    expect(fold(story, 'dispatch').disposeWorkingSeconds).toBe(3 * 3600);
  });

  it('moves the deadline with an approved extension and knows the departments sent to', () => {
    const story = loop().extended(local('2026-07-06T12:00:00'), local('2026-07-07T12:00:00'));
    expect(fold(story)).toMatchObject({
      deadlineAt: at('2026-07-07T12:00:00'),
      extended: true,
      departmentCount: 1,
    });
    story
      .returnApproved(local('2026-07-06T13:00:00'))
      .dispatched(local('2026-07-06T13:00:00'), 'housing', local('2026-07-08T13:00:00'));
    // The extension belonged to the first order: the current one is housing's, not extended.
    expect(fold(story)).toMatchObject({
      departmentId: 'housing',
      deadlineAt: at('2026-07-08T13:00:00'),
      extended: false,
      departmentCount: 2,
      firstDispatchedAt: at('2026-07-06T10:30:00'),
      dispatchedAt: at('2026-07-06T13:00:00'),
    });
  });

  it('is postponed until resumed, and the resumption moves the deadline', () => {
    const story = loop().postponed(local('2026-07-06T11:00:00'));
    expect(fold(story)).toMatchObject({ status: 'postponed', postponed: true });
    story.resumed(local('2026-07-08T11:00:00'), local('2026-07-08T16:00:00'));
    expect(fold(story)).toMatchObject({
      status: 'dispatched',
      postponed: false,
      deadlineAt: at('2026-07-08T16:00:00'),
    });
  });

  it('is not closed once reopened, and keeps the first follow-up verdict', () => {
    const story = loop()
      .disposed(local('2026-07-06T15:00:00'))
      .closed(local('2026-07-06T17:00:00'))
      .followedUp(local('2026-07-07T10:00:00'), 'unsatisfied')
      .reopened(local('2026-07-07T10:00:00'));
    expect(fold(story)).toMatchObject({ closedAt: null, satisfaction: 'unsatisfied', status: 'reopened' });
    story
      .dispatched(local('2026-07-07T10:00:00'), 'sanitation', local('2026-07-07T14:00:00'))
      .disposed(local('2026-07-07T12:00:00'))
      .closed(local('2026-07-07T13:00:00'))
      .followedUp(local('2026-07-08T10:00:00'), 'satisfied');
    expect(fold(story)).toMatchObject({
      closedAt: at('2026-07-07T13:00:00'),
      satisfaction: 'unsatisfied',
      departmentCount: 1,
      status: 'closed',
    });
  });

  it("takes the earliest caller onset, ignoring one after the first report, and the first report's source", () => {
    const story = new CaseStory('22222222-2222-4222-8222-222222222222', place, 'patrol')
      .reported(local('2026-07-06T10:00:00'), { onsetAt: local('2026-07-06T11:00:00') })
      .attached(local('2026-07-06T12:00:00'), 'hotline', local('2026-07-06T07:00:00'));
    expect(fold(story)).toMatchObject({
      callerOnsetAt: at('2026-07-06T07:00:00'),
      proactive: true,
      citizen: false,
    });
    const late = new CaseStory('33333333-3333-4333-8333-333333333333', place).reported(
      local('2026-07-06T10:00:00'),
      {
        onsetAt: local('2026-07-06T11:00:00'),
      },
    );
    expect(fold(late)).toMatchObject({ callerOnsetAt: null, citizen: true });
  });

  it('keeps where the case is from a later event when its first report has not arrived yet', () => {
    const story = loop();
    const record = foldCase(story.caseId, story.timeline().slice(1), {
      calendar: shanghai2026,
      rules: { disposalClockFrom: 'dispatch' },
    });
    expect(record).toMatchObject({
      categoryCode: '1102',
      streetId: '310199001',
      reportedAt: null,
      status: 'dispatched',
    });
  });
});
