import { DomainError } from '../domain-error';
import type { DistrictPack } from './district-pack';

/**
 * The department a case of a category in a street goes to: the street's override when its
 * responsibility matrix has one (e.g. a street office that sweeps its own lanes), else the
 * category's default department.
 */
export function responsibleDepartment(
  pack: Pick<DistrictPack, 'categories' | 'responsibility'>,
  categoryCode: string,
  streetId: string,
): string {
  const override = pack.responsibility.find(
    (row) => row.categoryCode === categoryCode && row.streetId === streetId,
  );
  if (override) return override.departmentId;
  const category = pack.categories.find((candidate) => candidate.code === categoryCode);
  if (!category) {
    throw new DomainError(
      'DISTRICT.UNKNOWN_CATEGORY',
      `no category ${categoryCode} in the district pack`,
      422,
      {
        categoryCode,
      },
    );
  }
  return category.defaultDepartmentId;
}
