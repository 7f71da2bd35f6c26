/** Builders for tests: complete protocol objects with overridable fields. */
import type { Conversation, Me, Message, Profile } from '@backchannel/protocol';

export const ME: Me = { id: 'me', username: 'ada', displayName: 'Ada Lovelace', bio: '', createdAt: '2021-07-01T10:00:00.000Z', roles: [], whoCanMessage: 'everyone' };

export function conversation(over: Partial<Conversation> = {}): Conversation {
  const members = over.members ?? [
    { id: 'me', username: 'ada', displayName: 'Ada Lovelace' },
    { id: 'bob', username: 'bob', displayName: 'Bob Byte' },
  ];
  return {
    id: 'c1',
    kind: 'direct',
    title: null,
    moderatorId: null,
    members,
    memberCount: members.length,
    lastSeq: 0,
    lastMessage: null,
    lastActivityAt: '2021-07-01T10:00:00.000Z',
    createdAt: '2021-07-01T10:00:00.000Z',
    folder: 'inbox',
    readSeq: 0,
    unreadCount: 0,
    muted: false,
    pinned: false,
    archived: false,
    ...over,
  };
}

export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    senderId: 'bob',
    clientMessageId: null,
    kind: 'text',
    text: `message ${seq}`,
    entities: [],
    system: null,
    createdAt: new Date(Date.UTC(2021, 6, 1, 10, seq)).toISOString(),
    replyTo: null,
    editedAt: null,
    tombstone: null,
    reactions: [],
    ...over,
  };
}

export function profile(over: Partial<Profile> = {}): Profile {
  return {
    id: 'bea',
    username: 'bea_b',
    displayName: 'Bea Baker',
    bio: '',
    createdAt: '2021-07-01T10:00:00.000Z',
    followerCount: 1,
    followingCount: 1,
    followedByMe: true,
    followsMe: true,
    blockedByMe: false,
    canMessage: true,
    ...over,
  };
}
