import { isRecord, isText, polygonProblem, show } from '../validate/shape';
import { closeRing, orientPolygon, roundPolygon } from '../geo/ring';
import type { PolygonCoordinates } from '../geo/position';
import type { CommunityProperties, FeatureCollection } from './build-input';

export interface NumberedCommunity {
  id: string;
  name: string;
  nameEn: string;
  polygon: PolygonCoordinates;
}

export interface NumberedStreet {
  id: string;
  name: string;
  nameEn: string;
  communities: NumberedCommunity[];
}

/** The smallest 3-digit number not yet used under a prefix. */
function nextFree(prefix: string, used: Set<string>): string {
  for (let n = 1; n <= 999; n++) {
    const id = prefix + String(n).padStart(3, '0');
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
  throw new Error(`no 3-digit number left under ${prefix}`);
}

/** A feature's polygon, closed, oriented (RFC 7946) and rounded; or a problem. */
export function featurePolygon(feature: unknown, decimals: number): PolygonCoordinates | string {
  if (!isRecord(feature) || !isRecord(feature.geometry)) return 'has no geometry';
  if (feature.geometry.type !== 'Polygon') return `is a ${String(feature.geometry.type)}, not a Polygon`;
  const coordinates = feature.geometry.coordinates;
  if (!Array.isArray(coordinates)) return 'has no coordinates';
  const closed = (coordinates as unknown[]).map((ring) =>
    Array.isArray(ring) ? closeRing(ring as [number, number][]) : ring,
  );
  const problem = polygonProblem(closed);
  if (problem) return problem;
  const polygon = roundPolygon(orientPolygon(closed as PolygonCoordinates), decimals);
  return polygon ?? 'has no area once rounded';
}

/**
 * Groups community features into streets and gives every street and community its code: ids from
 * the file where given (checked), else the next free number. Problems are collected, not thrown.
 */
export function numberPlaces(
  collection: FeatureCollection<CommunityProperties>,
  districtCode: string,
  decimals: number,
  problems: string[],
): NumberedStreet[] {
  const features: unknown[] =
    isRecord(collection) && Array.isArray(collection.features) ? collection.features : [];
  if (features.length === 0) problems.push('communities: no features');

  const idOfName = new Map<string, string>();
  const nameOfId = new Map<string, string>();
  features.forEach((feature, i) => {
    const props = isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
    const { streetId, streetName } = props;
    if (streetId === undefined) return;
    if (typeof streetId !== 'string' || !/^\d{9}$/.test(streetId) || !streetId.startsWith(districtCode)) {
      problems.push(
        `community feature ${i}: streetId "${show(streetId)}" is not 9 digits starting with ${districtCode}`,
      );
      return;
    }
    const name = String(streetName);
    if (idOfName.has(name) && idOfName.get(name) !== streetId)
      problems.push(`street ${name}: has two ids, ${idOfName.get(name)} and ${streetId}`);
    if (nameOfId.has(streetId) && nameOfId.get(streetId) !== name)
      problems.push(`street ${streetId}: has two names, ${nameOfId.get(streetId)} and ${name}`);
    idOfName.set(name, streetId);
    nameOfId.set(streetId, name);
  });

  const streets = new Map<
    string,
    {
      id?: string;
      name: string;
      nameEn: string;
      members: { index: number; props: Record<string, unknown> }[];
    }
  >();
  features.forEach((feature, index) => {
    const props = isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
    for (const field of ['streetName', 'streetNameEn', 'communityName', 'communityNameEn'] as const) {
      if (!isText(props[field])) problems.push(`community feature ${index}: property ${field} is missing`);
    }
    const streetName = String(props.streetName);
    const id = typeof props.streetId === 'string' ? props.streetId : idOfName.get(streetName);
    const key = id ?? `name:${streetName}`;
    const street = streets.get(key) ?? {
      id,
      name: streetName,
      nameEn: String(props.streetNameEn),
      members: [],
    };
    street.members.push({ index, props });
    streets.set(key, street);
  });

  const usedStreetIds = new Set([...streets.values()].flatMap((s) => (s.id ? [s.id] : [])));
  return [...streets.values()].map((street) => {
    const streetId = street.id ?? nextFree(districtCode, usedStreetIds);
    const usedCommunityIds = new Set<string>();
    for (const { index, props } of street.members) {
      const given = props.communityId;
      if (given === undefined) continue;
      if (typeof given !== 'string' || !/^\d{12}$/.test(given) || !given.startsWith(streetId)) {
        problems.push(
          `community feature ${index}: communityId "${show(given)}" is not 12 digits starting with ${streetId}`,
        );
      } else if (usedCommunityIds.has(given)) {
        problems.push(`community ${given}: id used more than once`);
      } else {
        usedCommunityIds.add(given);
      }
    }
    const communities = street.members.map(({ index, props }) => {
      const polygon = featurePolygon(features[index], decimals);
      if (typeof polygon === 'string')
        problems.push(`community feature ${index} (${String(props.communityName)}): ${polygon}`);
      const given = props.communityId;
      const id =
        typeof given === 'string' && /^\d{12}$/.test(given) && given.startsWith(streetId)
          ? given
          : nextFree(streetId, usedCommunityIds);
      return {
        id,
        name: String(props.communityName),
        nameEn: String(props.communityNameEn),
        polygon: typeof polygon === 'string' ? [] : polygon,
      };
    });
    return { id: streetId, name: street.name, nameEn: street.nameEn, communities };
  });
}
