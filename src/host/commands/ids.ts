/** Command ids, in one place (CONTRACT.md fixes them). */
export const CommandIds = {
  setApiKey: 'claudeMessages.setApiKey',
  clearApiKey: 'claudeMessages.clearApiKey',
  testConnection: 'claudeMessages.testConnection',
  newChat: 'claudeMessages.newChat',
  selectModel: 'claudeMessages.selectModel',
  explainSelection: 'claudeMessages.explainSelection',
  inlineEdit: 'claudeMessages.inlineEdit',
  acceptEdit: 'claudeMessages.acceptEdit',
  rejectEdit: 'claudeMessages.rejectEdit',
  addFileToChat: 'claudeMessages.addFileToChat',
  addSelectionToChat: 'claudeMessages.addSelectionToChat',
  focusChatInput: 'claudeMessages.focusChatInput',
  submitInlineEdit: 'claudeMessages.submitInlineEdit',
  cancelInlineEdit: 'claudeMessages.cancelInlineEdit',
  stopInlineEdit: 'claudeMessages.stopInlineEdit',
  acceptAllEdits: 'claudeMessages.acceptAllEdits',
  rejectAllEdits: 'claudeMessages.rejectAllEdits',
  nextEditChange: 'claudeMessages.nextEditChange',
  previousEditChange: 'claudeMessages.previousEditChange',
  openEditDiff: 'claudeMessages.openEditDiff',
  setUpConnection: 'claudeMessages.setUpConnection',
} as const;

export const CHAT_VIEW_ID = 'claudeMessages.chat';
