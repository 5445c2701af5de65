import {describe, expect, it} from 'vitest'
import {nonPublicAddress, originKey, parseAllowedOrigins, refusalForAddress, refusalForUrl} from '@/lib/sources/addresses'

/** Which addresses the source checker may dial, however a URL spells them. */
const none = new Set<string>()

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv4-mapped IPv6 is judged as the IPv4 address it carries.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    // Addresses that embed or translate to IPv4 elsewhere.
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['::7f00:1', 'outside IPv6 global unicast'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(nonPublicAddress(address)).toContain(kind)
    expect(refusalForAddress(address)).toMatch(/is not a public address$/)
  })

  it.each(['8.8.8.8', '1.1.1.1', '195.210.46.1', '2a00:1450:4001::1', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusalForAddress(address)).toBeUndefined()
  })
})

describe('URLs, in every spelling of an address', () => {
  it.each([
    'http://127.0.0.1/',
    'http://2130706433/', // decimal
    'http://0x7f000001/', // hex
    'http://0x7f.1/', // hex, short form
    'http://0177.0.0.1/', // octal
    'http://017700000001/', // octal, one number
    'http://127.1/', // short form
    'http://127.0.0.1./', // trailing dot
    'http://%31%32%37.0.0.1/', // percent-encoded
    'http://１２７.０.０.１/', // full-width digits
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/', // IPv4-mapped IPv6
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'https://[::ffff:7f00:1]:8443/x',
  ])('%s is refused as loopback', (spelling) => {
    expect(refusalForUrl(new URL(spelling), none)).toMatch(/loopback/)
  })

  it.each([
    ['http://0/', 'unspecified'],
    ['http://0.0.0.0:3000/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://10.0.0.1/', 'private'],
    ['http://0xa.0.0.1/', 'private'],
    ['http://012.0.0.1/', 'private'],
    ['http://167772161/', 'private'],
    ['http://0xc0.0xa8.0.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://0xa9fea9fe/', 'linkLocal'],
    ['http://[fe80::1]/', 'linkLocal'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['http://224.0.0.251/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
  ])('%s is refused (%s)', (spelling, kind) => {
    expect(refusalForUrl(new URL(spelling), none)).toContain(kind)
  })

  it('refuses other schemes and URLs with credentials', () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'data:text/html,hi', 'javascript:alert(1)']) {
      expect(refusalForUrl(new URL(url), none)).toMatch(/only http and https/)
    }
    expect(refusalForUrl(new URL('https://user:secret@example.com/'), none)).toMatch(/credentials/)
  })

  it('leaves names to the lookup, and lets public addresses through', () => {
    expect(refusalForUrl(new URL('https://kcell.kz/kk/product/documents'), none)).toBeUndefined()
    expect(refusalForUrl(new URL('http://8.8.8.8/'), none)).toBeUndefined()
    // A name is judged on what it resolves to, when the connection is made (guarded-agent.ts).
    expect(refusalForUrl(new URL('http://localhost/'), none)).toBeUndefined()
  })
})

describe('SOURCE_CHECK_ALLOW', () => {
  it('allows exactly the origins listed, default ports written out', () => {
    const allowed = parseAllowedOrigins('http://127.0.0.1:4100, http://localhost:4101 https://[::1]:4443')
    expect([...allowed]).toEqual(['http://127.0.0.1:4100', 'http://localhost:4101', 'https://[::1]:4443'])
    expect(refusalForUrl(new URL('http://127.0.0.1:4100/page'), allowed)).toBeUndefined()
    expect(refusalForUrl(new URL('https://[::1]:4443/'), allowed)).toBeUndefined()
    // Another port, another scheme or another spelling of the host is another origin.
    expect(refusalForUrl(new URL('http://127.0.0.1:4102/'), allowed)).toMatch(/loopback/)
    expect(refusalForUrl(new URL('https://127.0.0.1:4100/'), allowed)).toMatch(/loopback/)
    expect(originKey(new URL('https://kcell.kz/x'))).toBe('https://kcell.kz:443')
    expect(originKey(new URL('http://kcell.kz/x'))).toBe('http://kcell.kz:80')
  })

  it('accepts nothing that is not an origin with its port', () => {
    expect(parseAllowedOrigins(undefined).size).toBe(0)
    expect(parseAllowedOrigins('  ').size).toBe(0)
    for (const entry of [
      '127.0.0.1:4100',
      'http://127.0.0.1',
      'http://127.0.0.1:4100/',
      'http://127.0.0.1:4100/path',
      'http://*:4100',
      'ftp://127.0.0.1:21',
      'http://127.0.0.1:99999',
    ]) {
      expect(() => parseAllowedOrigins(entry), entry).toThrow(/SOURCE_CHECK_ALLOW/)
    }
  })
})
