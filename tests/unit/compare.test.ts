import {describe, expect, it} from 'vitest'
import {parsePicks, SIDE_BY_SIDE} from '@/lib/site/compare'
import {operatorSlugsQuery} from '@/lib/content/queries'
import {sideBySidePath} from '@/lib/site/paths'
import {runGroq} from '../support/dataset'

const listed = await runGroq<string[]>(operatorSlugsQuery)
const [first, second, third] = listed as [string, string, string]

describe('two operators side by side, from the query string', () => {
  it('takes two different listed operators, in the order picked', () => {
    expect(parsePicks({operator: [second, first]}, listed)).toEqual({picks: [second, first], pair: [second, first]})
  })
  it('keeps what it can for the form and shows no pair otherwise', () => {
    expect(parsePicks({}, listed)).toEqual({picks: [undefined, undefined]})
    expect(parsePicks({operator: first}, listed)).toEqual({picks: [first, undefined]})
    expect(parsePicks({operator: [first, first]}, listed)).toEqual({picks: [first, first]})
    expect(parsePicks({operator: ['no-such-operator', second]}, listed)).toEqual({picks: [undefined, second]})
  })
  it(`looks at the first ${SIDE_BY_SIDE} picks only`, () => {
    expect(parsePicks({operator: [first, second, third, ...Array(10_000).fill('x')]}, listed)).toEqual({
      picks: [first, second],
      pair: [first, second],
    })
  })
  it('is what the form sends', () => {
    const query = new URL(sideBySidePath('en', [first, second]), 'https://example.org').searchParams
    expect(parsePicks({operator: query.getAll('operator')}, listed).pair).toEqual([first, second])
  })
})
