import assert from 'node:assert/strict';
import { isApiErrorKind, kindForStatus } from '../../../src/common/anthropic/errorTaxonomy';

describe('anthropic/errorTaxonomy kindForStatus', () => {
  const table: Array<[number, string]> = [
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [402, 'billing_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [408, 'timeout_error'],
    [413, 'request_too_large'],
    [429, 'rate_limit_error'],
    [504, 'timeout_error'],
    [524, 'timeout_error'],
    [529, 'overloaded_error'],
    // Statuses without a kind of their own: server errors are the API's, the rest the request's.
    [500, 'api_error'],
    [503, 'api_error'],
    [405, 'invalid_request_error'],
    [418, 'invalid_request_error'],
  ];
  for (const [status, kind] of table) {
    it(`${status} -> ${kind}`, () => assert.equal(kindForStatus(status), kind));
  }
});

describe('anthropic/errorTaxonomy isApiErrorKind', () => {
  it("accepts the API's own error types", () => {
    for (const type of ['invalid_request_error', 'authentication_error', 'rate_limit_error', 'overloaded_error', 'timeout_error']) {
      assert.equal(isApiErrorKind(type), true, type);
    }
  });
  it("refuses gateway types and the client's own kinds", () => {
    for (const type of ['comet_api_error', 'aborted', 'connection_error', 'not_messages_endpoint', 'stream_interrupted', '']) {
      assert.equal(isApiErrorKind(type), false, type);
    }
  });
});
