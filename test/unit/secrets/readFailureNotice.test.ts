import assert from 'node:assert/strict';
import { ReadFailureNotice } from '../../../src/common/secrets/readFailureNotice';

describe('ReadFailureNotice', () => {
  it('shows the first failure only, however many follow', () => {
    const notice = new ReadFailureNotice();
    assert.equal(notice.failed(), true);
    assert.equal(notice.failed(), false);
    assert.equal(notice.failed(), false);
  });

  it('shows a failure again once a read has worked in between', () => {
    const notice = new ReadFailureNotice();
    notice.failed();
    notice.succeeded();
    assert.equal(notice.failed(), true);
  });

  it('stays quiet about successes', () => {
    const notice = new ReadFailureNotice();
    notice.succeeded();
    notice.succeeded();
    assert.equal(notice.failed(), true);
  });
});
