import fc from 'fast-check'

/**
 * Documents as they might arrive from a hand-edited dataset or a careless import: every field may
 * be missing, empty, very long, of the wrong type or hostile. Used by the property-based tests.
 */
const hostileText = fc.constantFrom('javascript:alert(1)', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u202e', '')
const anyText = fc.oneof(fc.string({maxLength: 40}), fc.string({minLength: 1500, maxLength: 3000}), hostileText)
export const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), {maxLength: 3}),
  fc.dictionary(fc.string({maxLength: 5}), fc.integer(), {maxKeys: 2}),
)
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, wrongType)
const perLocale = maybe(fc.record({zh: maybe(anyText), en: maybe(anyText), ru: maybe(anyText), kk: maybe(anyText)}, {requiredKeys: []}))
const date = maybe(fc.oneof(fc.constant('2026-11-25'), fc.constant('2020-01-01'), fc.constant('not a date')))
const url = maybe(fc.oneof(fc.webUrl(), hostileText, fc.constant('data:text/html,<b>x</b>')))
const key = fc.string({minLength: 1, maxLength: 8})

const span = fc.record(
  {
    _type: fc.constant('span'),
    _key: key,
    text: maybe(anyText),
    marks: maybe(fc.array(fc.constantFrom('strong', 'em', 'l1', 'blink'), {maxLength: 2})),
  },
  {requiredKeys: ['_type']},
)
const block = fc.oneof(
  fc.record({
    _type: fc.constant('block'),
    _key: key,
    style: maybe(fc.constantFrom('normal', 'h1', 'h3', 'weird')),
    listItem: fc.constantFrom(undefined, 'number', 'bullet', 'odd'),
    level: fc.constantFrom(undefined, 1, 2),
    markDefs: maybe(fc.array(fc.record({_type: fc.constant('link'), _key: fc.constant('l1'), href: url}), {maxLength: 1})),
    children: maybe(fc.array(fc.oneof(span, wrongType), {maxLength: 3})),
  }),
  fc.record({_type: fc.constantFrom('image', 'script', 'unknownThing'), _key: key}),
  wrongType,
)
const blocks = maybe(fc.array(block, {maxLength: 4}))
const partialDate = maybe(fc.constantFrom('2016', '2024-06', '2026-01-07', '2026-13', 'someday', ''))
const evidence = maybe(
  fc.record(
    {
      _type: fc.constant('evidence'),
      sourceUrl: url,
      sourceDate: partialDate,
      verifiedAt: date,
      confidence: maybe(fc.constantFrom('high', 'medium', 'low', 'unverified', 'absolute')),
    },
    {requiredKeys: []},
  ),
)
const triState = maybe(fc.constantFrom('yes', 'no', 'unknown', 'perhaps'))
const items = <T>(item: fc.Arbitrary<T>) => maybe(fc.array(item, {maxLength: 3}))

export function arbitraryOperatorWithPolicy(slug: string) {
  const operator = fc.record(
    {
      _id: fc.constant(`operator.${slug}`),
      _type: fc.constant('operator'),
      name: fc.oneof(
        fc.constant(`Op ${slug}`),
        fc.string({minLength: 2000, maxLength: 3000}).map((s) => `Op${s}`),
      ),
      slug: fc.constant({_type: 'slug', current: slug}),
      legalEntity: maybe(anyText),
      website: url,
      summary: perLocale,
      parent: fc.oneof(
        fc.constant(undefined),
        fc.constant({_type: 'reference', _ref: 'operator.missing'}),
        fc.constant({_type: 'reference', _ref: 'operator.kcell'}),
      ),
      parentAssumed: maybe(fc.boolean()),
      about: maybe(fc.record({text: perLocale, evidence}, {requiredKeys: []})),
      contacts: items(
        fc.record(
          {
            _key: key,
            kind: maybe(fc.constantFrom('hotline', 'chat', 'officeLocator', 'email', 'pigeon')),
            label: perLocale,
            value: maybe(anyText),
            valueFromAbroad: maybe(anyText),
            note: perLocale,
            evidence,
          },
          {requiredKeys: []},
        ),
      ),
      order: maybe(fc.integer()),
    },
    {requiredKeys: ['_id', '_type', 'name', 'slug']},
  )
  const policy = fc.record(
    {
      _id: fc.constant(`policy.${slug}`),
      _type: fc.constant('policy'),
      operator: fc.constant({_type: 'reference', _ref: `operator.${slug}`}),
      subscriptions: items(fc.constantFrom('prepaid', 'postpaid', 'esim', 'data', 'bogus')),
      channels: items(
        fc.record(
          {
            _key: key,
            kind: maybe(fc.constantFrom('office', 'hotline', 'app', 'website', 'email', 'fax')),
            available: triState,
            ownerInPerson: triState,
            representativeAccepted: triState,
            note: perLocale,
            evidence,
          },
          {requiredKeys: []},
        ),
      ),
      documents: items(fc.record({_key: key, title: perLocale, note: perLocale, evidence}, {requiredKeys: []})),
      prerequisites: items(
        fc.record(
          {_key: key, kind: maybe(fc.constantFrom('debt', 'bundles', 'other', 'x')), text: perLocale, evidence},
          {requiredKeys: []},
        ),
      ),
      steps: maybe(fc.record({zh: blocks, en: blocks, ru: blocks, kk: blocks}, {requiredKeys: []})),
      balanceRefund: maybe(
        fc.record(
          {outcome: maybe(fc.constantFrom('refunded', 'notRefunded', 'unknown', 'maybe')), text: perLocale, evidence},
          {requiredKeys: []},
        ),
      ),
      bundleRefund: maybe(
        fc.record({outcome: maybe(fc.constantFrom('refunded', 'unknown')), text: perLocale, evidence}, {requiredKeys: []}),
      ),
      numberHold: maybe(
        fc.record({holdDays: maybe(fc.oneof(fc.integer({min: -5, max: 400}), fc.double())), text: perLocale, evidence}, {requiredKeys: []}),
      ),
      fees: maybe(fc.record({text: perLocale, evidence}, {requiredKeys: []})),
      esimNotes: maybe(fc.record({text: perLocale, evidence}, {requiredKeys: []})),
      verifiedAt: date,
      reviewedAt: date,
      confidence: maybe(fc.constantFrom('high', 'medium', 'low', 'unverified', 'total')),
      sources: items(fc.record({_key: key, url, title: maybe(anyText), accessedAt: fc.oneof(date, partialDate)}, {requiredKeys: []})),
      changeLog: items(fc.record({_key: key, date, summary: perLocale}, {requiredKeys: []})),
    },
    {requiredKeys: ['_id', '_type', 'operator']},
  )
  // Through JSON, as documents arrive from a file or the Content Lake.
  return fc
    .tuple(operator, policy)
    .map(([op, pol]) => JSON.parse(JSON.stringify([op, pol])) as [Record<string, unknown>, Record<string, unknown>])
}
