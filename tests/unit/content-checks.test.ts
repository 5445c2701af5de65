import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkContent} from '@/lib/content/checks'
import type {RawDocument} from '@/lib/content/embedded'
import {fixtureDocuments} from '../support/dataset'

/** A deep copy of the fixture with one thing broken by `edit`, as a careless publish might. */
function broken(edit: (byId: Record<string, any>, documents: RawDocument[]) => void): RawDocument[] {
  const documents = structuredClone(fixtureDocuments())
  edit(Object.fromEntries(documents.map((doc) => [doc._id, doc])), documents)
  return documents
}

/** The first object in the documents that `match` accepts. */
function first(documents: RawDocument[], match: (node: Record<string, any>) => boolean): Record<string, any> {
  const search = (value: unknown): Record<string, any> | undefined => {
    if (Array.isArray(value)) return value.map(search).find(Boolean)
    if (value && typeof value === 'object') {
      if (match(value as Record<string, any>)) return value as Record<string, any>
      return Object.values(value).map(search).find(Boolean)
    }
    return undefined
  }
  const found = search(documents)
  if (!found) throw new Error('the fixture has no such object')
  return found
}

const problems = (documents: RawDocument[]) => checkContent(documents).map((finding) => `${finding.rule}: ${finding.problem}`)

describe('content checks (npm run check-content)', () => {
  it('find nothing wrong in the fixture', () => {
    expect(checkContent(fixtureDocuments())).toEqual([])
  })

  it.each<[string, (byId: Record<string, any>, documents: RawDocument[]) => void, string]>([
    [
      'a graded fact loses its source',
      (_, docs) => delete first(docs, (n) => n._type === 'evidence' && n.confidence === 'high').sourceUrl,
      'graded high with no source',
    ],
    ['a guide rule loses its source', (byId) => delete byId.guide.rules[0].evidence.sourceUrl, 'sourced facts: a fact without a source'],
    [
      'an alternative loses its source',
      (byId) => delete byId.guide.alternatives[0].evidence.sourceUrl,
      'sourced facts: a fact without a source',
    ],
    [
      'a source loses its verified day',
      (_, docs) => delete first(docs, (n) => n._type === 'evidence' && n.sourceUrl).verifiedAt,
      'without the day it was verified',
    ],
    [
      'a source is not a web address',
      (_, docs) => (first(docs, (n) => n._type === 'sourceReference').url = 'kcell.kz'),
      'not an http(s) address',
    ],
    [
      'a hotline number appears without a source',
      (_, docs) => (first(docs, (n) => n._type === 'contactChannel').value = '+7 700 000 0000'),
      'contact number',
    ],
    [
      'a foreign operator’s page is cited',
      (_, docs) => (first(docs, (n) => n._type === 'evidence' && n.sourceUrl).sourceUrl = 'https://msk.tele2.ru/help'),
      'Kazakhstan only',
    ],
    // A Telegram link, spelled in pieces so that the repository never carries one.
    ['the advertising link comes back', (byId) => (byId.guide.intro.en += ` https://${['t', 'me'].join('.')}/somewhere`), 'no advertising'],
    ['an array item loses its key', (byId) => delete byId.guide.rules[0]._key, 'export format'],
    [
      'a policy is deleted',
      (_, docs) =>
        docs.splice(
          docs.findIndex((doc) => doc._type === 'policy'),
          1,
        ),
      '0 policies instead of one',
    ],
    [
      'an unverified policy gets a verified date',
      (_, docs) => (docs.find((doc) => doc._type === 'policy' && doc.confidence === 'unverified')!.verifiedAt = '2026-12-01'),
      'a verified date with nothing verified',
    ],
    ['a Chinese text is emptied', (_, docs) => (first(docs, (n) => n._type === 'localeText' && n.zh).zh = ''), 'languages: missing'],
    ['the guide loses its Kazakh intro', (byId) => (byId.guide.intro.kk = ''), 'languages: missing'],
    [
      'a forbidden term comes back',
      (byId) => (byId.guide.title.ru = 'Как отказаться от SIM-карты'),
      'term base: «отказаться» where the term base says',
    ],
  ])('catch it when %s', (_, edit, problem) => {
    expect(problems(broken(edit)).join('\n')).toContain(problem)
  })

  it('run as npm run check-content over a dataset file, failing on a removed source', () => {
    const documents = broken((byId) => delete byId.guide.rules[0].evidence.sourceUrl)
    const file = join(mkdtempSync(join(tmpdir(), 'kz-check-content-')), 'production.ndjson')
    writeFileSync(file, `${documents.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
    const run = () =>
      execFileSync('npm', ['run', '--silent', 'check-content'], {env: {...process.env, CONTENT_DATASET_FILE: file}, encoding: 'utf8'})
    let output = ''
    let failed = false
    try {
      output = run()
    } catch (error) {
      failed = true
      output = String((error as {stdout: string}).stdout)
    }
    expect(failed).toBe(true)
    expect(output).toMatch(/sourced facts: guide\.rules\[0\]: a fact without a source/)
    expect(output).toMatch(/ [1-9]\d* findings?$/m)
    // npm and tsx start in 2-3 s on a quiet machine, over 10 s on a busy one.
  }, 60_000)
})
