/** Conformance: the rooms area (storage/ports/rooms.ts), the same on every backend. */
import { describe, expect, it } from 'vitest';
import type { ParticipantRow, RoomMessageRow, RoomRow } from '../ports/rooms.js';
import { UniqueViolation, type Store } from '../store.js';
import { T0, user } from './fixtures.js';

export function room(id: string, ownerId: string, extra: Partial<RoomRow> = {}): RoomRow {
  return {
    id,
    title: `room ${id}`,
    description: '',
    visibility: 'open',
    status: 'live',
    ownerId,
    hostId: ownerId,
    createdAt: T0,
    endedAt: null,
    lastSeq: 0,
    chatEnabled: true,
    chatMode: 'open',
    slowSeconds: 10,
    speakerCount: 0,
    listenerCount: 0,
    staffAbsentSince: null,
    ...extra,
  };
}

export function participant(roomId: string, userId: string, extra: Partial<ParticipantRow> = {}): ParticipantRow {
  return { roomId, userId, role: 'listener', present: true, handRaised: false, invitedToSpeak: false, invitedBy: null, mutedUntil: null, removed: false, joinedAt: T0, lastSeenAt: T0, lastChatAt: null, ...extra };
}

function chat(roomId: string, seq: number, senderId: string, extra: Partial<RoomMessageRow> = {}): RoomMessageRow {
  return { id: `rm-${roomId}-${seq}`, roomId, seq, senderId, clientMessageId: `c${seq}`, text: `hi ${seq}`, entities: [], createdAt: T0 + seq, deleted: null, ...extra };
}

export function roomsConformance(s: () => Store): void {
  const seedUsers = (...ids: string[]) =>
    s().write(async (tx) => {
      for (const id of ids) await tx.users.insert(user(id));
    });

  describe('rooms', () => {
    it('stores a room with its invite list and applies patches', async () => {
      await seedUsers('h', 'a', 'b');
      await s().write((tx) => tx.rooms.insertRoom(room('r1', 'h', { visibility: 'closed' }), ['a']));
      expect(await s().read.rooms.roomById('r1')).toEqual(room('r1', 'h', { visibility: 'closed' }));
      expect(await s().read.rooms.isInvited('r1', 'a')).toBe(true);
      expect(await s().read.rooms.isInvited('r1', 'b')).toBe(false);
      await s().write(async (tx) => {
        const locked = await tx.rooms.lockRoom('r1');
        expect(locked?.id).toBe('r1');
        await tx.rooms.updateRoom('r1', { chatEnabled: false, chatMode: 'slow', slowSeconds: 30, hostId: null, staffAbsentSince: T0 + 5, listenerCount: 3 });
      });
      expect(await s().read.rooms.roomById('r1')).toMatchObject({ chatEnabled: false, chatMode: 'slow', slowSeconds: 30, hostId: null, staffAbsentSince: T0 + 5, listenerCount: 3 });
      expect(await s().read.rooms.roomById('nope')).toBeNull();
    });

    it('keeps one participant row per person, with booleans and times round-tripped', async () => {
      await seedUsers('h', 'a');
      await s().write(async (tx) => {
        await tx.rooms.insertRoom(room('r1', 'h'), []);
        await tx.rooms.putParticipant(participant('r1', 'a', { handRaised: true, mutedUntil: T0 + 60_000 }));
        await tx.rooms.putParticipant(participant('r1', 'a', { handRaised: false, invitedToSpeak: true, invitedBy: 'h' }));
        await tx.rooms.updateParticipant('r1', 'a', { present: false, removed: true, lastChatAt: T0 + 7 });
      });
      expect(await s().read.rooms.participant('r1', 'a')).toEqual(participant('r1', 'a', { invitedToSpeak: true, invitedBy: 'h', present: false, removed: true, lastChatAt: T0 + 7 }));
      await s().write((tx) => tx.rooms.updateParticipant('r1', 'a', { invitedToSpeak: false, invitedBy: null }));
      expect(await s().read.rooms.participant('r1', 'a')).toMatchObject({ invitedToSpeak: false, invitedBy: null });
      expect(await s().read.rooms.participant('r1', 'h')).toBeNull();
    });

    it('lists the present stage, the audience stage-first in pages, and the hands queue', async () => {
      await seedUsers('h', 'a', 'b', 'c', 'd');
      await s().write(async (tx) => {
        await tx.rooms.insertRoom(room('r1', 'h'), []);
        await tx.rooms.putParticipant(participant('r1', 'h', { role: 'host', joinedAt: T0 + 1 }));
        await tx.rooms.putParticipant(participant('r1', 'a', { joinedAt: T0 + 2, handRaised: true }));
        await tx.rooms.putParticipant(participant('r1', 'b', { role: 'speaker', joinedAt: T0 + 3 }));
        await tx.rooms.putParticipant(participant('r1', 'c', { joinedAt: T0 + 4, present: false }));
        await tx.rooms.putParticipant(participant('r1', 'd', { joinedAt: T0 + 5, invitedToSpeak: true }));
      });
      expect((await s().read.rooms.stage(['r1'])).map((p) => p.userId)).toEqual(['h', 'b']);
      const first = await s().read.rooms.audience('r1', { limit: 3 });
      expect(first.map((p) => p.userId)).toEqual(['h', 'b', 'a']);
      const last = first.at(-1)!;
      const rest = await s().read.rooms.audience('r1', { limit: 3, after: { stageFirst: 1, joinedAt: last.joinedAt, userId: last.userId } });
      expect(rest.map((p) => p.userId)).toEqual(['d']);
      expect((await s().read.rooms.hands('r1', 10)).map((p) => p.userId)).toEqual(['a', 'd']);
    });

    it('numbers room events per room, contiguously, and pages them by seq', async () => {
      await seedUsers('h');
      await s().write(async (tx) => {
        await tx.rooms.insertRoom(room('r1', 'h'), []);
        await tx.rooms.insertRoom(room('r2', 'h'), []);
      });
      const seqs = await s().write(async (tx) => [
        await tx.rooms.appendRoomEvent({ roomId: 'r1', type: 'room.updated', data: { n: 1 }, to: null, createdAt: T0 }),
        await tx.rooms.appendRoomEvent({ roomId: 'r2', type: 'room.updated', data: { n: 1 }, to: null, createdAt: T0 }),
        await tx.rooms.appendRoomEvent({ roomId: 'r1', type: 'room.hand_changed', data: { n: 2 }, to: 'h', createdAt: T0 }),
      ]);
      expect(seqs).toEqual([1, 1, 2]);
      // A write that fails takes no seq.
      await expect(
        s().write(async (tx) => {
          await tx.rooms.appendRoomEvent({ roomId: 'r1', type: 'room.updated', data: {}, to: null, createdAt: T0 });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await s().write((tx) => tx.rooms.appendRoomEvent({ roomId: 'r1', type: 'room.ended', data: { n: 3 }, to: null, createdAt: T0 }))).toBe(3);
      expect((await s().read.rooms.roomById('r1'))?.lastSeq).toBe(3);
      const events = await s().read.rooms.roomEventsAfter('r1', 1, 3, 10);
      expect(events.map((e) => [e.seq, e.type, e.to, e.data])).toEqual([
        [2, 'room.hand_changed', 'h', { n: 2 }],
        [3, 'room.ended', null, { n: 3 }],
      ]);
      expect((await s().read.rooms.roomEventsAfter('r1', 0, 2, 1)).map((e) => e.seq)).toEqual([1]);
    });

    it('stores chat once per client id, pages back from the newest, and tombstones', async () => {
      await seedUsers('h', 'a');
      await s().write(async (tx) => {
        await tx.rooms.insertRoom(room('r1', 'h'), []);
        for (let i = 1; i <= 5; i++) await tx.rooms.insertRoomMessage(chat('r1', i, 'a', { entities: [{ type: 'mention', offset: 0, length: 2, userId: 'h' }] }));
      });
      const dup = s().write((tx) => tx.rooms.insertRoomMessage(chat('r1', 9, 'a', { id: 'other', clientMessageId: 'c1' })));
      await expect(dup).rejects.toBeInstanceOf(UniqueViolation);
      await expect(dup).rejects.toMatchObject({ key: 'client_message_id' });
      expect((await s().read.rooms.roomMessageByClientId('r1', 'a', 'c2'))?.seq).toBe(2);
      expect(await s().read.rooms.roomMessageByClientId('r1', 'h', 'c2')).toBeNull();
      expect((await s().read.rooms.roomMessages('r1', { limit: 2 })).map((m) => m.seq)).toEqual([4, 5]);
      expect((await s().read.rooms.roomMessages('r1', { before: 4, limit: 2 })).map((m) => m.seq)).toEqual([2, 3]);
      expect((await s().read.rooms.roomMessagesAfter('r1', 2, 2)).map((m) => m.seq)).toEqual([3, 4]);
      expect((await s().read.rooms.roomMessagesAfter('r1', 4, 10)).map((m) => m.seq)).toEqual([5]);
      expect(await s().read.rooms.roomMessagesAfter('r2', 0, 10)).toEqual([]);
      await s().write((tx) => tx.rooms.markRoomMessageDeleted('r1', 'rm-r1-3', 'moderator'));
      await s().write((tx) => tx.rooms.markRoomMessageDeleted('r1', 'rm-r1-3', 'author'));
      expect(await s().read.rooms.roomMessageById('r1', 'rm-r1-3')).toMatchObject({ text: '', entities: [], deleted: 'moderator' });
      expect((await s().read.rooms.roomMessageById('r1', 'rm-r1-4'))?.entities).toEqual([{ type: 'mention', offset: 0, length: 2, userId: 'h' }]);
    });

    it('finds stale presence and rooms left without staff, and purges ended chats', async () => {
      await seedUsers('h', 'a', 'b');
      await s().write(async (tx) => {
        await tx.rooms.insertRoom(room('r1', 'h', { staffAbsentSince: T0 + 10 }), []);
        await tx.rooms.insertRoom(room('r2', 'h', { status: 'ended', endedAt: T0 + 50 }), []);
        await tx.rooms.putParticipant(participant('r1', 'a', { lastSeenAt: T0 }));
        await tx.rooms.putParticipant(participant('r1', 'b', { lastSeenAt: T0 }));
        await tx.rooms.putParticipant(participant('r2', 'a', { lastSeenAt: T0 }));
        await tx.rooms.insertRoomMessage(chat('r2', 1, 'a'));
        await tx.rooms.insertRoomMessage(chat('r1', 1, 'a'));
      });
      await s().write((tx) => tx.rooms.touchParticipants('r1', ['b'], T0 + 100));
      expect(await s().read.rooms.staleParticipants(T0 + 50, 10)).toEqual([{ roomId: 'r1', userId: 'a' }]);
      expect(await s().read.rooms.roomsWithoutStaffSince(T0 + 9, 10)).toEqual([]);
      expect(await s().read.rooms.roomsWithoutStaffSince(T0 + 10, 10)).toEqual(['r1']);
      expect(await s().write((tx) => tx.rooms.purgeEndedChats(T0 + 51, 100))).toBe(1);
      expect(await s().read.rooms.roomMessages('r2', { limit: 10 })).toEqual([]);
      expect(await s().read.rooms.roomMessages('r1', { limit: 10 })).toHaveLength(1);
    });

    it('lists the hallway a viewer may see, rooms with followed people on stage first, then by size', async () => {
      await seedUsers('me', 'h1', 'h2', 'h3', 'h4', 'h5', 'f1', 'x');
      await s().write(async (tx) => {
        await tx.graph.setFollow('me', 'f1', true, T0);
        await tx.graph.setFollow('h3', 'me', true, T0); // h3 follows me: its social room is visible
        await tx.graph.setBlock('h5', 'me', true, T0);
        await tx.rooms.insertRoom(room('big', 'h1', { listenerCount: 50, speakerCount: 1 }), []);
        await tx.rooms.insertRoom(room('small', 'h2', { listenerCount: 2, speakerCount: 1 }), []);
        await tx.rooms.insertRoom(room('social', 'h3', { visibility: 'social', listenerCount: 5 }), []);
        await tx.rooms.insertRoom(room('socialHidden', 'h4', { visibility: 'social' }), []);
        await tx.rooms.insertRoom(room('closedIn', 'h4', { visibility: 'closed', listenerCount: 1 }), ['me']);
        await tx.rooms.insertRoom(room('closedOut', 'h4', { visibility: 'closed' }), ['x']);
        await tx.rooms.insertRoom(room('blockedMe', 'h5'), []);
        await tx.rooms.insertRoom(room('removedMe', 'h1'), []);
        await tx.rooms.insertRoom(room('ended', 'h1', { status: 'ended', endedAt: T0 }), []);
        await tx.rooms.putParticipant(participant('small', 'f1', { role: 'speaker' }));
        await tx.rooms.putParticipant(participant('big', 'f1', { present: false }));
        await tx.rooms.putParticipant(participant('removedMe', 'me', { present: false, removed: true }));
      });
      const page = await s().read.rooms.hallway('me', { limit: 10, offset: 0 });
      expect(page.map((r) => r.room.id)).toEqual(['small', 'big', 'social', 'closedIn']);
      expect(page[0]).toMatchObject({ followedCount: 1, followedOnStage: 1 });
      expect(page[1]).toMatchObject({ followedCount: 0, followedOnStage: 0 });
      expect((await s().read.rooms.hallway('me', { limit: 2, offset: 2 })).map((r) => r.room.id)).toEqual(['social', 'closedIn']);
      // The owner sees their own closed room; an invitee sees theirs.
      expect((await s().read.rooms.hallway('x', { limit: 10, offset: 0 })).map((r) => r.room.id)).toContain('closedOut');
    });
  });
}
