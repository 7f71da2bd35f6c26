/**
 * One handler per socket op (STYLE.md: no giant switch). Each receives a validated frame.
 */
import type { ClientFrame, ClientOpName } from '@backchannel/protocol';
import type { OpInput } from './types.js';
import { handleAuth } from './auth.js';
import { handlePing } from './ping.js';
import { handleRead } from './read.js';
import { handleResume } from './resume.js';
import { handleSend } from './send.js';
import { handleTyping } from './typing.js';
import { handleRoomHand } from './roomHand.js';
import { handleRoomQuestionVote } from './roomQuestionVote.js';
import { handleRoomSend } from './roomSend.js';
import { handleRoomSubscribe } from './roomSubscribe.js';
import { handleRoomUnsubscribe } from './roomUnsubscribe.js';
import { handleHallwaySubscribe, handleHallwayUnsubscribe } from './hallway.js';


type Handlers = { [K in ClientOpName]: (input: OpInput<Extract<ClientFrame, { op: K }>>) => Promise<void> | void };

export const OP_HANDLERS: Handlers = {
  resume: handleResume,
  'message.send': handleSend,
  'read.mark': handleRead,
  typing: handleTyping,
  ping: handlePing,
  auth: handleAuth,
  'room.subscribe': handleRoomSubscribe,
  'room.unsubscribe': handleRoomUnsubscribe,
  'room.message.send': handleRoomSend,
  'room.hand': handleRoomHand,
  'hallway.subscribe': handleHallwaySubscribe,
  'hallway.unsubscribe': handleHallwayUnsubscribe,
  'room.question.vote': handleRoomQuestionVote,
};
