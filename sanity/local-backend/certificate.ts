import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

/**
 * Browsers speak HTTP/2 only over TLS, and the Studio needs HTTP/2 (it holds more live streams
 * than HTTP/1.1 allows connections). So the local backend makes itself a certificate: a small
 * certificate authority of its own, made once, and a certificate for localhost signed by it. An
 * editor trusts `ca.pem` once (or accepts the browser's warning once); the site's server trusts
 * it through NODE_EXTRA_CA_CERTS.
 *
 * Trusting a CA is trusting whoever holds its key, whose file stays on this disk. So the CA may
 * sign for loopback names only: a critical name constraint that browsers, Node and OpenSSL enforce,
 * so a certificate it signs for any other name is rejected everywhere, even by those who trust it.
 */
export type Certificate = {key: string; cert: string; caFile: string}

/** Loopback only: localhost and its subdomains (which browsers resolve to loopback themselves), and the loopback addresses. */
const LOOPBACK_CONSTRAINTS =
  'nameConstraints=critical,permitted;DNS:localhost,permitted;IP:127.0.0.0/255.0.0.0,permitted;IP:::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'
const LOOPBACK_NAMES = 'subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1,IP:::1'

const openssl = (...args: string[]) => execFileSync('openssl', args, {stdio: ['ignore', 'pipe', 'pipe']}).toString('utf8')

/** Whether a CA certificate carries the loopback name constraints (one made before it did is made again). */
const isConstrained = (caFile: string) =>
  existsSync(caFile) && /Name Constraints: critical/.test(openssl('x509', '-in', caFile, '-noout', '-text'))

export function ensureCertificate(directory: string): Certificate {
  const file = (name: string) => join(directory, name)
  if (!existsSync(file('localhost.pem')) || !isConstrained(file('ca.pem'))) {
    rmSync(directory, {recursive: true, force: true})
    mkdirSync(directory, {recursive: true, mode: 0o700})
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '825',
      '-subj',
      '/CN=KZ SIM Guide local Studio CA (loopback only)',
      '-keyout',
      file('ca-key.pem'),
      '-out',
      file('ca.pem'),
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-addext',
      LOOPBACK_CONSTRAINTS,
    )
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      file('localhost-key.pem'),
      '-out',
      file('localhost.csr'),
    )
    writeFileSync(
      file('localhost.ext'),
      `${LOOPBACK_NAMES}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
    )
    // 825 days: the longest validity Apple platforms accept for a server certificate.
    openssl(
      'x509',
      '-req',
      '-in',
      file('localhost.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '825',
      '-extfile',
      file('localhost.ext'),
      '-out',
      file('localhost.pem'),
    )
  }
  return {key: readFileSync(file('localhost-key.pem'), 'utf8'), cert: readFileSync(file('localhost.pem'), 'utf8'), caFile: file('ca.pem')}
}
