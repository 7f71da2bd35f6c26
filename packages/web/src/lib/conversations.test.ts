import { describe, expect, it } from 'vitest';
import { conversation, ME, message } from '../test/fixtures.js';
import { blockedMemberNames, conversationTitle, systemText } from './conversations.js';

describe('titles, system notes and blocked members', () => {
  const group = conversation({
    kind: 'group',
    members: [ME, { id: 'b', username: 'b', displayName: 'Bea Bo' }, { id: 'c', username: 'c', displayName: 'Cy' }],
  });
  it('direct shows the other person; untitled groups list names', () => {
    expect(conversationTitle(conversation(), 'me')).toBe('Bob Byte');
    expect(conversationTitle(group, 'me')).toBe('Bea Bo, Cy');
    expect(conversationTitle({ ...group, title: 'Crew' }, 'me')).toBe('Crew');
  });
  it('system messages read as sentences', () => {
    const sys = message(1, { kind: 'system', text: '', system: { action: 'member_added', actorId: 'me', targetIds: ['b', 'c'] } });
    expect(systemText(group, sys, 'me')).toBe('You added Bea Bo, Cy');
    const renamed = message(2, { kind: 'system', text: '', system: { action: 'renamed', actorId: 'b', title: 'Crew' } });
    expect(systemText(group, renamed, 'me')).toBe('Bea Bo renamed the group to “Crew”');
  });
  it('names blocked members of a group', () => {
    expect(blockedMemberNames(conversation({ kind: 'group', blockedMemberIds: ['bob'] }))).toEqual(['Bob Byte']);
    expect(blockedMemberNames(conversation())).toEqual([]);
  });
});
