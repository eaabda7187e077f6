import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/text/format.ts';

describe('formatValue', () => {
  it.each([
    [0.0234, 'p', '0.023'],
    [0.00099, 'p', '< 0.001'],
    [0, 'p', '< 0.001'],
    [0.5, 'p=', '= 0.500'],
    [1e-12, 'p=', '< 0.001'],
    [-0.42, '+.2f', '−0.42'],
    [1234, undefined, '1,234'],
    [null, 'p', '–'],
  ])('%s with %s → %s', (value, spec, expected) => {
    expect(formatValue(value, spec)).toBe(expected);
  });
});
