import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../src/common/attachments/types';
import { PendingAttachments } from '../../../src/common/chat/pendingAttachments';
import type { AttachmentChip } from '../../../src/common/protocol';

function image(id: string): Attachment {
  return {
    block: { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    chip: { id, kind: 'image', name: `${id}.png`, path: `img/${id}.png`, detail: 'PNG' },
  } as Attachment;
}

describe('pending attachments: thumbnails the view draws', () => {
  it('gives a pending image its thumbnail and posts the chips again; an id that is gone changes nothing', () => {
    const posted: AttachmentChip[][] = [];
    const pending = new PendingAttachments((chips) => posted.push(chips));
    pending.add([image('a1')]);
    assert.equal(pending.setThumbnail('a1', 'data:image/jpeg;base64,/9j/'), true);
    assert.equal(posted.at(-1)?.[0]?.thumbnail, 'data:image/jpeg;base64,/9j/');
    const count = posted.length;
    assert.equal(pending.setThumbnail('gone', 'data:image/jpeg;base64,/9j/'), false);
    assert.equal(posted.length, count, 'nothing posted for an attachment removed meanwhile');
  });
});
