import { describe, expect, it } from 'vitest';
import { distanceMeters, parseCoordinates } from '../../shared/geo';

describe('coordinates as operators paste them', () => {
  it.each([
    ['35.5212, 35.7915', 35.5212, 35.7915],
    ['35.5212 35.7915', 35.5212, 35.7915],
    [`35°31'16.3"N 35°47'29.4"E`, 35.52119, 35.79150],
    [`35° 31' 16" N, 35° 47' 29" E`, 35.52111, 35.79139],
    ['N 35 31 16 E 35 47 29', 35.52111, 35.79139],
    [`35°31.271'N 35°47.490'E`, 35.52118, 35.7915],
    [`35° 47' 29" E, 35° 31' 16" N`, 35.52111, 35.79139],
    ['٣٥٫٥٢١٢، ٣٥٫٧٩١٥', 35.5212, 35.7915],
    ['-33.9, 18.4', -33.9, 18.4],
  ])('reads %s', (text, lat, lon) => {
    const parsed = parseCoordinates(text);
    expect(parsed?.lat).toBeCloseTo(lat, 4);
    expect(parsed?.lon).toBeCloseTo(lon, 4);
  });

  it.each(['hello', '95, 20', `35°61'N 35°47'E`, '35.5', '35.5, 35.7, 12', 'N 35 E'])('refuses %s', (text) => {
    expect(parseCoordinates(text)).toBeNull();
  });

  it('measures distance on the sphere', () => {
    expect(distanceMeters({ lat: 35.5212, lon: 35.7915 }, { lat: 35.5252, lon: 35.7915 })).toBeCloseTo(444.8, 0);
  });
});
