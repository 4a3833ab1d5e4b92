import { describe, expect, it } from 'vitest';

import { CONTRACT } from '../../../api/contract/index.js';
import { EMPTY_FILTERS, searchRequestOf } from './list-filters.js';

const contract = CONTRACT['document.search'].request;

describe('the list filters as a search request', () => {
  it('asks the whole list grouped by category when no filter is set, and the contract accepts it', () => {
    const request = searchRequestOf(EMPTY_FILTERS);
    expect(request).toEqual({ newOnly: false, includeArchived: false, groupBy: 'class' });
    expect(contract.safeParse(request).success).toBe(true);
  });

  it('sends each filter set, the author and structure without their surrounding spaces', () => {
    const request = searchRequestOf({
      classCode: '10',
      typeCode: '11490-0',
      from: '2025-01-01',
      to: '2026-06-30',
      author: '  GENERALISTE ',
      structure: ' Cabinet ',
      newOnly: true,
      includeArchived: true,
    });
    expect(request).toEqual({
      classes: ['10'],
      types: ['11490-0'],
      from: '2025-01-01',
      to: '2026-06-30',
      author: 'GENERALISTE',
      structure: 'Cabinet',
      newOnly: true,
      includeArchived: true,
      groupBy: 'class',
    });
    expect(contract.safeParse(request).success).toBe(true);
  });

  it('leaves out an author or structure made of spaces, which the contract would refuse', () => {
    const request = searchRequestOf({ ...EMPTY_FILTERS, author: '   ', structure: ' ' });
    expect(request).not.toHaveProperty('author');
    expect(request).not.toHaveProperty('structure');
  });
});
