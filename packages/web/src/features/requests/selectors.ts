/** What the screens say about requests: my side of one I sent, and the trust context of one I got. */
import type { Conversation, RequestInfo } from '@backchannel/protocol';
import type { State } from '../../app/state.js';
import { memberName, otherMembers } from '../../lib/conversations.js';

const firstName = (name: string) => name.split(' ')[0] || name;

/**
 * The note on my side of a request I sent (ConversationScreen), or null when this session learnt
 * nothing about it. It names whoever accepted, which in a group is one member among several.
 */
export function sentRequestNote(state: State, c: Conversation): { state: 'pending' | 'accepted'; text: string } | null {
  const sent = state.requests.sent[c.id];
  if (!sent) return null;
  const myId = state.session.me?.id;
  if (sent.state === 'accepted') return { state: 'accepted', text: `${firstName(memberName(c, sent.by, myId, state.people.byId))} accepted your message request. Chat away!` };
  const other = c.kind === 'direct' ? otherMembers(c, myId)[0] : undefined;
  return { state: 'pending', text: `Your message request is waiting. You can send more once ${other ? `${firstName(other.displayName)} accepts` : 'they accept'} it.` };
}


/**
 * The trust context shown on a request (PRODUCT.md §2): mutual follows and account age, as short
 * phrases, e.g. ["Followed by Bea Baker and 2 others you follow", "New account · joined 3 days ago"].
 */
export function requestTrustLines(request: RequestInfo): string[] {
  const { mutualFollowCount: n, mutualFollows, accountAgeDays: days } = request.trust;
  const first = mutualFollows[0]?.displayName;
  const mutual =
    n === 0 || !first ? 'No one you follow follows them' : n === 1 ? `Followed by ${first}, whom you follow` : `Followed by ${first} and ${n - 1} ${n - 1 === 1 ? 'other' : 'others'} you follow`;
  const age = days < 1 ? 'New account · joined today' : days < 30 ? `New account · joined ${days} ${days === 1 ? 'day' : 'days'} ago` : `Joined ${new Date(request.trust.accountCreatedAt).toLocaleDateString(undefined, { month: 'long', year: 'numeric' })}`;
  const met = metInRoomLine(request);
  return met ? [met, mutual, age] : [mutual, age];
}

/** "You were both in ‘AI Policy’ on 3 May" (listeners / on stage), from the room both were in. */
export function metInRoomLine(request: RequestInfo): string | null {
  const shared = request.trust.sharedRoom;
  if (!shared) return null;
  const when = new Date(shared.at).toLocaleDateString(undefined, { day: 'numeric', month: 'long' });
  const how = !shared.youWereOnStage && !shared.senderWasOnStage ? 'both listeners' : 'both';
  return `You were ${how} in “${shared.title}” on ${when}`;
}

/** The room a request is labelled with: the one it was sent from, else the one both were in. */
export function requestRoomTitle(c: Conversation): { title: string; from: boolean } | null {
  const r = c.request;
  if (!r) return null;
  if (r.room) return { title: r.room.title, from: true };
  return r.trust.sharedRoom ? { title: r.trust.sharedRoom.title, from: false } : null;
}
