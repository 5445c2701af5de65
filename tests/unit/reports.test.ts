import {describe, expect, it} from 'vitest'
import {operatorsWithoutVerifiedProcedureQuery, operatorsQuery, policyVerificationAgeQuery} from '@/lib/content/queries'
import type {OperatorSummary} from '@/lib/content/types'
import {addressGroup, clientAddress, clientKey} from '@/lib/reports/client'
import {readReportForm, reportYears} from '@/lib/reports/form'
import {hasNoVerifiedProcedure} from '@/lib/reports/invitation'
import {cleanMessage, maskPersonalData, MASKS, plainMessage} from '@/lib/reports/mask'
import {readerReportDocument} from '@/lib/reports/save'
import {REPORT_FIELDS} from '@/lib/reports/vocabulary'
import {isFromThisSite, siteOrigins} from '@/lib/site/origin'
import {runGroq, fixtureDocuments} from '../support/dataset'
import {PERSONAL_DATA_SPELLINGS} from '../support/personal-data'
import {validate} from '../support/validate'

/** Readers' reports: the pure rules of lib/reports (masking, the form, clients, origins) and the report's model. */
const NOW = new Date('2026-11-20T10:00:00Z')

describe('masking personal data in a reader’s message', () => {
  it.each([
    ['Call me on +7 701 123 45 67', `Call me on ${MASKS.phone}`],
    ['or 8 (701) 123-45-67 after six', `or ${MASKS.phone} after six`],
    ['87011234567', MASKS.phone],
    ['tel:8-701-1234567', `tel:${MASKS.phone}`],
    ['8.701.123.45.67', MASKS.phone],
    ['Chinese mobile +86 138 0013 8000', `Chinese mobile ${MASKS.phone}`],
    ['city number 272 12 34', `city number ${MASKS.phone}`],
    ['IIN 900101300123', `IIN ${MASKS.iin}`],
    ['ИИН: 900101 300 123', `ИИН: ${MASKS.iin}`],
    ['ЖСН900101300123', `ЖСН${MASKS.iin}`],
    ['passport N12345678', `passport ${MASKS.id}`],
    ['ID card 012345678', `ID card ${MASKS.id}`],
    ['write to ivan.petrov@mail.ru today', `write to ${MASKS.email} today`],
    ['QQ mail 12345678@qq.com', `QQ mail ${MASKS.email}`],
    ['card 4400 4301 2345 6789', `card ${MASKS.number}`],
    ['IMEI 356938035643809', `IMEI ${MASKS.number}`],
  ])('masks %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked)
  })

  it.each([
    'Went on 03.11.2026 at 14:00',
    'On 2026-11-03 the office said no',
    'paid 1 500 tenge, got 150 000 back',
    'the eGov contact centre is 1414',
    'Kcell Center on Abay 150, room 12, in 2025',
  ])('leaves dates, amounts and short numbers in %j', (text) => {
    expect(maskPersonalData(text)).toBe(text)
  })

  it('reads full-width digits and ＠ from Chinese keyboards, and drops hidden characters', () => {
    expect(cleanMessage('我的号码是１３８００１３８０００，邮箱 abc＠163.com')).toBe(`我的号码是${MASKS.phone},邮箱 ${MASKS.email}`)
    expect(cleanMessage('\u202eevil\u0007 text\r\n\r\n\r\n\r\nend  ')).toBe('evil text\n\nend')
  })

  it(`masks ${PERSONAL_DATA_SPELLINGS.length} spellings that readers really write, and keeps the words around them`, () => {
    expect(PERSONAL_DATA_SPELLINGS.length).toBeGreaterThanOrEqual(30)
    const missed = PERSONAL_DATA_SPELLINGS.filter(({written, stored}) => cleanMessage(written) !== stored)
    expect(missed.map(({name, written}) => `${name}: ${JSON.stringify(written)} -> ${JSON.stringify(cleanMessage(written))}`)).toEqual([])
  })

  it('keeps nothing an editor could not see: no format, ignorable, control or direction character', () => {
    const hidden =
      '\u00ad\u034f\u061c\u115f\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2066\u2067\u2068\u2069\u206f\u3164\ufe0f\ufeff\uffa0\ufff9\u{e0041}\u{1d173}\u0000\u001b\u0085\u009b'
    const plain = plainMessage(`a${[...hidden].join('b')}c`)
    expect(plain).toMatch(/^a[b\n]+c$/)
    expect(plain).not.toMatch(/[\p{Cf}\p{Default_Ignorable_Code_Point}\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u)
  })

  it('folds every decimal digit to ASCII, whatever its script', () => {
    const zeros = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7ec, 0x1d7f6]
    for (const zero of zeros) {
      const digits = Array.from({length: 10}, (_, value) => String.fromCodePoint(zero + value)).join('')
      expect(plainMessage(digits), zero.toString(16)).toBe('0123456789')
    }
  })

  // Each shape made a pattern scan again from every position of a long run (quadratic: 3.7 s for
  // 30 KB of letters, about 40 s for 100 KB, minutes for U+3316). Linear, each takes milliseconds
  // (5-70 ms measured on this 2-core machine; up to 1.9 s while five builds shared it, load 20): the
  // limit is 3x that, still far below the quadratic time.
  it.each([
    ['a run of letters', 'a'.repeat(100_000)],
    ['U+3316, six letters each once normalised', '\u3316'.repeat(33_000)],
    ['Chinese letters', '字'.repeat(100_000)],
    ['Chinese letters, then Latin ones', `${'字'.repeat(50_000)}${'a'.repeat(50_000)}`],
    ['an @ after a long local part', `${'a'.repeat(100_000)}@`],
    ['a long domain without a dot', `x@${'a'.repeat(100_000)}`],
    ['@ after @', 'a@'.repeat(50_000)],
    ['dotted labels', `x@${'a.'.repeat(50_000)}`],
    ['@ and dots', '@a.'.repeat(33_000)],
    ['quotes', '"a'.repeat(50_000)],
    ['digits and spaces', '1 '.repeat(50_000)],
    ['digits and every separator', '1-/.·_ \u2011'.repeat(12_500)],
    ['things that start a date', '1.1.1.'.repeat(16_000)],
    ['letters and digits', 'N1'.repeat(50_000)],
    ['plus and brackets', '+('.repeat(50_000)],
    ['letters, dots, digits, dashes', 'a.1-'.repeat(25_000)],
  ])(
    'masks 100 KB of %s in linear time',
    (_shape, text) => {
      const started = performance.now()
      cleanMessage(text)
      expect(performance.now() - started).toBeLessThan(6000)
    },
    30_000,
  )
})

describe('reading the report form', () => {
  const form = (fields: Record<string, string> = {}) =>
    Object.entries({outcome: 'different', channel: 'office', month: '11', year: '2026', message: '', extra: '', ...fields})

  it('takes the form’s answers, with the month as YYYY-MM and the message masked', () => {
    expect(readReportForm(form({month: '3', message: 'They asked for 87011234567\r\nand my passport'}), NOW)).toEqual({
      kind: 'answers',
      answers: {outcome: 'different', channel: 'office', happenedOn: '2026-03', message: `They asked for ${MASKS.phone}\nand my passport`},
    })
  })

  it('leaves out an empty message', () => {
    expect(readReportForm(form(), NOW)).toEqual({
      kind: 'answers',
      answers: {outcome: 'different', channel: 'office', happenedOn: '2026-11'},
    })
  })

  it('treats a filled-in honeypot as a bot, whatever else was sent', () => {
    expect(readReportForm(form({[REPORT_FIELDS.honeypot]: 'http://spam.example'}), NOW)).toEqual({kind: 'trap'})
  })

  it.each([
    ['an unknown field', [...form(), ['email', 'a@b.c']]],
    ['a field sent twice', [...form(), ['outcome', 'different']]],
    ['a missing outcome', form().filter(([name]) => name !== 'outcome')],
    ['a missing channel', form().filter(([name]) => name !== 'channel')],
    ['a missing year', form().filter(([name]) => name !== 'year')],
    ['an outcome outside the choices', form({outcome: 'maybe'})],
    ['a channel outside the choices', form({channel: 'email'})],
    ['month 13', form({month: '13'})],
    ['a month still to come', form({month: '12', year: '2027'})],
    ['a year long ago', form({year: '2019'})],
    ['a message over 1,000 characters', form({message: '字'.repeat(1001)})],
    ['a message over 1,000 characters once normalised', form({message: '\u3316'.repeat(1000)})],
  ])('refuses %s', (_name, entries) => {
    expect(readReportForm(entries as [string, string][], NOW).kind).toBe('invalid')
  })

  it('refuses a file where text belongs', () => {
    expect(readReportForm([...form().filter(([name]) => name !== 'message'), ['message', new File(['x'], 'x.txt')]], NOW).kind).toBe(
      'invalid',
    )
  })

  it('counts 1,000 characters as the reader’s browser does, line breaks as one', () => {
    expect(readReportForm(form({message: `${'字'.repeat(499)}\r\n${'字'.repeat(500)}`}), NOW).kind).toBe('answers')
  })

  it('offers this year and the two before, and takes this month in the furthest time zone', () => {
    expect(reportYears(NOW)).toEqual([2026, 2025, 2024])
    // 31 December, 12:00 UTC: already 1 January in Kiribati.
    expect(readReportForm(form({month: '1', year: '2027'}), new Date('2026-12-31T12:00:00Z')).kind).toBe('answers')
  })
})

describe('who a client is', () => {
  it('believes only the addresses the trusted hops wrote', () => {
    expect(clientAddress('203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientAddress('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientAddress('6.6.6.6, 203.0.113.7, 127.0.0.1', 2)).toBe('203.0.113.7')
    expect(clientAddress('203.0.113.7', 3)).toBe('203.0.113.7')
    expect(clientAddress(null, 1)).toBe('unknown')
  })

  it('counts an IPv6 /64 as one client, and an IPv4-mapped address as its IPv4 one', () => {
    expect(addressGroup('2001:db8::1')).toBe(addressGroup('2001:0db8:0000:0000:ffff:1:2:3'))
    expect(addressGroup('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64')
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressGroup('203.0.113.7:5060')).toBe('203.0.113.7')
  })

  it('is a keyed hash that holds for a day and changes the next, and never contains the address', () => {
    const today = clientKey('203.0.113.7', 'secret', NOW)
    expect(clientKey('203.0.113.7', 'secret', new Date('2026-11-20T23:59:00Z'))).toBe(today)
    expect(clientKey('203.0.113.7', 'secret', new Date('2026-11-21T00:00:00Z'))).not.toBe(today)
    expect(clientKey('203.0.113.7', 'other secret', NOW)).not.toBe(today)
    expect(clientKey('203.0.113.8', 'secret', NOW)).not.toBe(today)
    expect(today).not.toContain('203')
    expect(today).toMatch(/^[\w-]{22}$/)
  })
})

describe('where a report comes from', () => {
  const SITE = 'https://kz-sim.example'
  const env = (values: Record<string, string>): NodeJS.ProcessEnv => ({...process.env, SITE_ORIGINS: '', ...values})
  const origins = siteOrigins(env({SITE_URL: SITE, SITE_ORIGINS: 'http://127.0.0.1:3000, http://localhost:3000/'}))
  const from = (headers: Record<string, string>) => isFromThisSite(new Headers({host: 'kz-sim.example', ...headers}), origins)

  it('knows the site’s origins from SITE_URL and SITE_ORIGINS only, and refuses a malformed one', () => {
    expect([...origins]).toEqual([SITE, 'http://127.0.0.1:3000', 'http://localhost:3000'])
    expect([...siteOrigins(env({SITE_URL: `${SITE}/guide/`}))]).toEqual([SITE])
    for (const entry of ['127.0.0.1:3000', 'http://x.example/path', 'https://*.kz-sim.example', 'null']) {
      expect(() => siteOrigins(env({SITE_URL: SITE, SITE_ORIGINS: entry})), entry).toThrow(/SITE_ORIGINS/)
    }
  })

  it('accepts this site’s own pages, at its public address or another configured one', () => {
    expect(from({'sec-fetch-site': 'same-origin', origin: SITE})).toBe(true)
    expect(from({origin: SITE})).toBe(true)
    expect(
      isFromThisSite(new Headers({host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin'}), origins),
    ).toBe(true)
  })

  it('accepts a client that is not a browser (no Origin, no Sec-Fetch-Site): only the limits hold it', () => {
    expect(from({})).toBe(true)
  })

  it.each([
    [{'sec-fetch-site': 'cross-site', origin: 'https://evil.example'}],
    [{'sec-fetch-site': 'same-site', origin: 'https://sub.kz-sim.example'}],
    [{'sec-fetch-site': 'none'}],
    [{origin: 'https://evil.example'}],
    [{origin: 'null'}],
    [{'sec-fetch-site': 'cross-site', origin: SITE}],
    // DNS rebinding: another site's page, its name pointed at this server, sends its own Origin and Host.
    [{'sec-fetch-site': 'same-origin', origin: 'http://rebound.example:3000', host: 'rebound.example:3000'}],
    [{origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3001'}],
  ])('refuses %j', (headers) => {
    expect(from(headers)).toBe(false)
  })
})

describe('the report as a document', () => {
  const documents = fixtureDocuments()
  const report = readerReportDocument(
    {outcome: 'couldNotCancel', channel: 'hotline', happenedOn: '2026-10', message: 'x'},
    'operator.tele2',
    'en',
    NOW,
  )

  it('is a new readerReport with a weak reference, outside the public root path', () => {
    expect(report).toMatchObject({_type: 'readerReport', status: 'new', locale: 'en', receivedAt: NOW.toISOString()})
    expect(report.operator).toEqual({_type: 'reference', _ref: 'operator.tele2', _weak: true})
    expect(report._id).toMatch(/^readerReport\.[0-9a-f-]{36}$/)
  })

  it('passes the Studio’s rules, which refuse one without its answers', async () => {
    expect(await validate(report, documents)).toEqual([])
    const {outcome: _outcome, happenedOn: _happenedOn, ...incomplete} = report
    expect(new Set((await validate(incomplete, documents)).map((error) => error.path))).toEqual(new Set(['happenedOn', 'outcome']))
    expect((await validate({...report, happenedOn: '2026-13'}, documents)).map((error) => error.path)).toEqual(['happenedOn'])
  })
})

describe('which operators invite reports as leads', () => {
  it('names Tele2, ALTEL and izi, as their pages do, and counts new reports per policy', async () => {
    const operators = await runGroq<OperatorSummary[]>(operatorsQuery)
    const byPage = operators.filter(hasNoVerifiedProcedure).map((operator) => operator._id)
    expect(byPage.sort()).toEqual(['operator.altel', 'operator.izi', 'operator.tele2'])
    expect((await runGroq<string[]>(operatorsWithoutVerifiedProcedureQuery)).sort()).toEqual(byPage)

    const withReports = [
      ...fixtureDocuments(),
      {...readerReportDocument({outcome: 'different', channel: 'office', happenedOn: '2026-10'}, 'operator.tele2', 'zh', NOW)},
      {
        ...readerReportDocument({outcome: 'different', channel: 'office', happenedOn: '2026-10'}, 'operator.tele2', 'ru', NOW),
        status: 'dismissed',
      },
    ]
    const rows = await runGroq<{_id: string; newReports: number}[]>(policyVerificationAgeQuery, {}, withReports)
    expect(Object.fromEntries(rows.map((row) => [row._id, row.newReports]))).toMatchObject({'policy.tele2': 1, 'policy.kcell': 0})
  })
})
