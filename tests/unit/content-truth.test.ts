import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {seedDocuments, SEED_FILE} from '../support/dataset'

/** The guide gives advice people act on: the bundled dataset is held to the content brief. */
const raw = readFileSync(SEED_FILE, 'utf8')
const documents = seedDocuments()

function walk(value: unknown, visit: (node: Record<string, unknown>, path: string) => void, path = '') {
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, visit, `${path}[${index}]`))
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, path)
    for (const [key, child] of Object.entries(value)) walk(child, visit, `${path}.${key}`)
  }
}

describe('content truth in the bundled dataset', () => {
  it('is in the export format: one document a line, every array object keyed', () => {
    const lines = raw.trim().split('\n')
    expect(lines.length).toBe(documents.length)
    for (const doc of documents) {
      walk(doc, (node, path) => {
        if (/\[\d+\]$/.test(path) && node._type !== 'reference') expect(node._key, `${doc._id}${path}`).toBeTruthy()
      })
    }
  })

  it('never carries the advertising link of the source article', () => {
    expect(raw).not.toMatch(/t\.me\//i)
    // The reseller's name is spelled out in pieces so this file itself never carries it.
    expect(raw.toLowerCase()).not.toContain(['esim', '1088'].join(''))
    expect(raw.toLowerCase()).not.toContain('telegram.me')
  })

  it('ships no unverified hotline numbers', () => {
    for (const doc of documents.filter((d) => d._type === 'operator')) {
      for (const contact of (doc.contacts as {kind: string; value?: string}[] | undefined) ?? []) {
        if (contact.kind === 'hotline') expect(contact.value ?? '', `${doc._id} hotline`).toBe('')
      }
    }
    expect(raw).not.toMatch(/"(455|0611|611)"/)
  })

  it('gives every sourced fact a checked date, and every source an http(s) address', () => {
    for (const doc of documents) {
      walk(doc, (node, path) => {
        if (node._type === 'evidence' && node.sourceUrl) {
          expect(node.verifiedAt, `${doc._id}${path}`).toMatch(/^\d{4}-\d{2}-\d{2}$/)
          expect(String(node.sourceUrl)).toMatch(/^https?:\/\//)
        }
        if (node._type === 'sourceReference') {
          expect(String(node.url)).toMatch(/^https?:\/\//)
          expect(node.accessedAt, `${doc._id}${path}`).toBeTruthy()
        }
      })
    }
  })

  it('has a policy for every operator, each with a verified date, confidence and change log', () => {
    const operators = documents.filter((doc) => doc._type === 'operator')
    const policies = documents.filter((doc) => doc._type === 'policy')
    expect(operators.map((op) => (op.slug as {current: string}).current).sort()).toEqual(
      ['activ', 'altel', 'beeline', 'izi', 'kcell', 'tele2'],
    )
    for (const operator of operators) {
      const own = policies.filter((p) => (p.operator as {_ref: string})._ref === operator._id)
      expect(own, operator._id).toHaveLength(1)
      expect(own[0]!.verifiedAt).toBeTruthy()
      expect(own[0]!.confidence).toBeTruthy()
      expect((own[0]!.changeLog as unknown[]).length).toBeGreaterThan(0)
    }
  })

  it('has every localized text in Chinese and English, and the guide and settings in all four languages', () => {
    for (const doc of documents) {
      const everyLanguage = doc._type === 'guide' || doc._type === 'siteSettings'
      walk(doc, (node, path) => {
        if (!['localeString', 'localeText', 'localeBlockContent'].includes(String(node._type))) return
        const filled = (locale: string) => {
          const value = node[locale]
          return typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0
        }
        const anyFilled = ['zh', 'en', 'ru', 'kk'].some(filled)
        if (!anyFilled) return
        for (const locale of everyLanguage ? ['zh', 'en', 'ru', 'kk'] : ['zh', 'en']) {
          expect(filled(locale), `${doc._id}${path}.${locale}`).toBe(true)
        }
      })
    }
  })
})
