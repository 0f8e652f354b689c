import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { pemCertificates, trustedCertificates } from '../../../src/common/network/trustStore';
import { makeTestCertificates } from '../../proxy/certificates';
import type { TestCertificates } from '../../proxy/certificates';

describe('network/trustStore', function () {
  this.timeout(20_000);
  let extraCa: TestCertificates;
  let systemCa: TestCertificates;
  let bundle: string;

  before(() => {
    extraCa = makeTestCertificates(['extra.test.invalid'], 'Extra CA');
    systemCa = makeTestCertificates(['system.test.invalid'], 'System CA');
    bundle = join(systemCa.dir, 'bundle.crt');
    // A system bundle as distributions ship it: comments, the CA, and a damaged entry.
    writeFileSync(bundle, `# system bundle\n${systemCa.caPem}\n-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n`);
  });

  after(() => {
    extraCa.remove();
    systemCa.remove();
  });

  it('splits PEM text into certificates', () => {
    assert.equal(pemCertificates(`junk\n${extraCa.caPem}\n${systemCa.caPem}`).length, 2);
    assert.deepEqual(pemCertificates('no certificates here'), []);
  });

  it("trusts Node's roots, NODE_EXTRA_CA_CERTS and the system bundle, dropping what cannot be read", async () => {
    const trusted = await trustedCertificates({ systemCertificates: true, env: { NODE_EXTRA_CA_CERTS: extraCa.caFile }, systemBundleFiles: ['/nonexistent/bundle.crt', bundle] });
    assert.equal(trusted.length, tls.rootCertificates.length + 2);
    assert.ok(trusted.includes(extraCa.caPem.trim()));
    assert.ok(trusted.includes(systemCa.caPem.trim()));
  });

  it('leaves the system store out when http.systemCertificates is off, and survives a missing NODE_EXTRA_CA_CERTS file', async () => {
    const trusted = await trustedCertificates({ systemCertificates: false, env: { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' }, systemBundleFiles: [bundle] });
    assert.equal(trusted.length, tls.rootCertificates.length);
  });
});
