import type { Principal } from '@cityloop/service-kit';
import type { CommandBus } from '@nestjs/cqrs';
import { ReportCaseCommand } from './report-case.command';
import type { ReportCaseRequest } from './report-case.request';
import { ReportsController } from './reports.controller';

const body = (extra: Partial<ReportCaseRequest> = {}): ReportCaseRequest => ({
  source: 'hotline',
  categoryCode: '1102',
  location: { lat: 31.242519, lng: 121.460658 },
  description: '垃圾',
  ...extra,
});

describe('POST /reports: mergeDuplicates', () => {
  const execute = jest.fn(async (command: ReportCaseCommand) => command);
  const controller = new ReportsController({ execute } as unknown as CommandBus);

  beforeEach(() => execute.mockClear());

  it('is refused to anyone but the importer, naming the field', async () => {
    const operator: Principal = { id: 'op', role: 'operator' };
    await expect(controller.report(operator, body({ mergeDuplicates: false }))).rejects.toMatchObject({
      code: 'REQUEST.INVALID',
      status: 400,
      details: [{ field: 'mergeDuplicates', problems: ['importer role only'] }],
    });
    await expect(controller.report(operator, body({ mergeDuplicates: true }))).rejects.toMatchObject({
      status: 400,
    });
    expect(execute).not.toHaveBeenCalled();
  });

  it("reaches the handler with the importer's choice, and is not needed by anyone", async () => {
    await controller.report({ id: 'sim', role: 'importer' }, body({ mergeDuplicates: false }));
    await controller.report({ id: 'op', role: 'operator' }, body());
    const [[imported], [operated]] = execute.mock.calls;
    expect(imported).toBeInstanceOf(ReportCaseCommand);
    expect(imported.request.mergeDuplicates).toBe(false);
    expect(operated.request.mergeDuplicates).toBeUndefined();
  });
});
