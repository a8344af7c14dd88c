import type { DistrictPack } from '../district-pack';
import { isPosition, isText, duplicates, polygonProblem } from './shape';
import { isTimeZone } from './check-calendar';

/** Codes and names of the district, streets, communities and cells, and how they nest. */
export function checkPlaces(pack: DistrictPack): string[] {
  const problems: string[] = [];
  const { district } = pack;
  if (typeof district.code !== 'string' || !/^\d{6}$/.test(district.code)) {
    problems.push(`district: code "${String(district.code)}" is not a 6-digit administrative division code`);
  }
  if (!isText(district.name) || !isText(district.nameEn))
    problems.push('district: name and nameEn are required');
  if (!isTimeZone(district.timeZone))
    problems.push(`district: time zone "${String(district.timeZone)}" is not an IANA zone`);

  const streetIds = new Set<string>();
  for (const street of pack.streets) {
    const label = `street ${String(street.id)}`;
    if (typeof street.id !== 'string' || !/^\d{9}$/.test(street.id))
      problems.push(`${label}: id is not 9 digits`);
    else if (!street.id.startsWith(district.code))
      problems.push(`${label}: id does not start with the district code ${district.code}`);
    if (!isText(street.name) || !isText(street.nameEn))
      problems.push(`${label}: name and nameEn are required`);
    const polygon = polygonProblem(street.polygon);
    if (polygon) problems.push(`${label}: ${polygon}`);
    streetIds.add(street.id);
  }
  for (const id of duplicates(pack.streets.map((s) => s.id)))
    problems.push(`street ${id}: id used more than once`);

  const communityStreet = new Map<string, string>();
  for (const community of pack.communities) {
    const label = `community ${String(community.id)}`;
    if (typeof community.id !== 'string' || !/^\d{12}$/.test(community.id))
      problems.push(`${label}: id is not 12 digits`);
    if (!streetIds.has(community.streetId))
      problems.push(`${label}: unknown street ${String(community.streetId)}`);
    else if (typeof community.id === 'string' && !community.id.startsWith(community.streetId)) {
      problems.push(`${label}: id does not start with its street's id ${community.streetId}`);
    }
    if (!isText(community.name) || !isText(community.nameEn))
      problems.push(`${label}: name and nameEn are required`);
    const polygon = polygonProblem(community.polygon);
    if (polygon) problems.push(`${label}: ${polygon}`);
    communityStreet.set(community.id, community.streetId);
  }
  for (const id of duplicates(pack.communities.map((c) => c.id)))
    problems.push(`community ${id}: id used more than once`);
  const streetsWithCommunities = new Set(pack.communities.map((c) => c.streetId));
  for (const id of streetIds)
    if (!streetsWithCommunities.has(id)) problems.push(`street ${id}: has no communities`);

  const communitiesWithCells = new Set<string>();
  for (const cell of pack.cells) {
    const label = `cell ${String(cell.code)}`;
    if (typeof cell.code !== 'string' || !/^\d{15}$/.test(cell.code))
      problems.push(`${label}: code is not 15 digits`);
    const street = communityStreet.get(cell.communityId);
    if (street === undefined) problems.push(`${label}: unknown community ${String(cell.communityId)}`);
    else {
      communitiesWithCells.add(cell.communityId);
      if (typeof cell.code === 'string' && !cell.code.startsWith(cell.communityId)) {
        problems.push(`${label}: code does not start with its community's id ${cell.communityId}`);
      }
      if (cell.streetId !== street) {
        problems.push(
          `${label}: in two streets: says ${String(cell.streetId)}, its community ${cell.communityId} is in ${street}`,
        );
      }
    }
    const polygon = polygonProblem(cell.polygon);
    if (polygon) problems.push(`${label}: ${polygon}`);
    if (!isPosition(cell.centroid)) problems.push(`${label}: centroid is not [lng, lat]`);
  }
  for (const code of duplicates(pack.cells.map((c) => c.code)))
    problems.push(`cell ${code}: code used more than once`);
  for (const community of pack.communities) {
    if (!communitiesWithCells.has(community.id)) problems.push(`community ${community.id}: has no cells`);
  }
  return problems;
}
