/**
 * A room's Q&A over HTTP (docs/subsystems/rooms.md, "Q&A"). Parse → action → present; every rule
 * is in domain/questions. Question changes arrive as room events on the socket (`room.subscribe`),
 * vote counts as coalesced `room.qa_votes` frames.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from '@backchannel/protocol';
import {
  AnswerPrivatelyResponse,
  AskBody,
  IdParams,
  MergeBody,
  Ok,
  QaSettingsBody,
  QaSettingsResponse,
  QuestionList,
  QuestionParams,
  QuestionResponse,
  QuestionStateBody,
  VoteBody,
  VoteResponse,
} from '@backchannel/protocol/schemas';
import { answerPrivately } from '../../domain/questions/answerPrivately.js';
import { askQuestion } from '../../domain/questions/askQuestion.js';
import { bringUpAsker } from '../../domain/questions/bringUpAsker.js';
import { listQuestions } from '../../domain/questions/listQuestions.js';
import { mergeQuestions } from '../../domain/questions/mergeQuestions.js';
import { setQaSettings } from '../../domain/questions/setQaSettings.js';
import { setQuestionState, takeQuestion } from '../../domain/questions/setQuestionState.js';
import { voteQuestion } from '../../domain/questions/voteQuestion.js';
import type { RouteContext } from './context.js';

const tags = ['rooms'];
type Id = { Params: Static<typeof IdParams> };
type Q = { Params: Static<typeof QuestionParams> };

export function questionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, auth } = ctx;
  const write = (userId: string) => ctx.writeLimit(userId);
  /** `operationId` is the SDK's `client.rooms.*` method; `errors` the domain codes (http/openapi/errorResponses.ts). */
  const onRoom = (operationId: string, summary: string, response: object, errors: readonly ErrorCode[], extra: Record<string, object> = {}) => ({
    schema: { tags, operationId: `rooms.${operationId}`, summary, errors, params: IdParams, response: { 200: response }, ...extra },
    preHandler: auth,
  });
  const onQuestion = (operationId: string, summary: string, response: object, errors: readonly ErrorCode[], extra: Record<string, object> = {}) => ({
    schema: { tags, operationId: `rooms.${operationId}`, summary, errors, params: QuestionParams, response: { 200: response }, ...extra },
    preHandler: auth,
  });
  const live = ['not_found', 'room_ended', 'not_in_room', 'rate_limited'] as const;
  const question = [...live, 'qa_off', 'question_merged'] as const;

  app.get<Id>('/v1/rooms/:id/questions', onRoom('questions', 'The room\'s Q&A: settings, questions by votes then age, the ones you voted for', QuestionList, ['not_found', 'not_in_room']), async (req) =>
    listQuestions(deps, req.actor.user, req.params.id),
  );
  app.patch<Id & { Body: Static<typeof QaSettingsBody> }>('/v1/rooms/:id/qa', onRoom('setQa', 'Switch Q&A on/off, or approval before questions show (host or moderator)', QaSettingsResponse, [...live, 'forbidden'], { body: QaSettingsBody }), async (req) => {
    write(req.actor.user.id);
    return { qa: await setQaSettings(deps, req.actor.user, req.params.id, req.body) };
  });
  app.post<Id & { Body: Static<typeof AskBody> }>('/v1/rooms/:id/questions', onRoom('ask', 'Ask a question (≤ 280 characters; a few open per person, one per interval)', QuestionResponse, [...live, 'qa_off', 'qa_open_limit', 'empty_message', 'invalid_text'], { body: AskBody }), async (req) => {
    write(req.actor.user.id);
    return { question: await askQuestion(deps, req.actor.user, req.params.id, req.body) };
  });
  app.post<Q & { Body: Static<typeof VoteBody> }>('/v1/rooms/:id/questions/:questionId/vote', onQuestion('vote', 'Set your vote on a question (`voted: true|false`; setting what is already so changes nothing)', VoteResponse, [...question, 'question_closed'], { body: VoteBody }), async (req) => {
    write(req.actor.user.id);
    return voteQuestion(deps, req.actor.user, req.params.id, req.params.questionId, req.body.voted);
  });
  app.patch<Q & { Body: Static<typeof QuestionStateBody> }>('/v1/rooms/:id/questions/:questionId', onQuestion('setQuestionState', 'Move a question (pending, on stage, answered, dismissed) or approve / hide it (host or moderator)', QuestionResponse, [...question, 'forbidden', 'question_closed', 'question_transition'], { body: QuestionStateBody }), async (req) => {
    write(req.actor.user.id);
    return { question: await setQuestionState(deps, req.actor.user, req.params.id, req.params.questionId, req.body) };
  });
  app.post<Q>('/v1/rooms/:id/questions/:questionId/take', onQuestion('takeQuestion', 'Put a pending question on stage (anyone on the stage: the backstage card)', QuestionResponse, [...question, 'forbidden', 'question_closed', 'question_transition']), async (req) => {
    write(req.actor.user.id);
    return { question: await takeQuestion(deps, req.actor.user, req.params.id, req.params.questionId) };
  });
  app.post<Q & { Body: Static<typeof MergeBody> }>('/v1/rooms/:id/questions/:questionId/merge', onQuestion('mergeQuestion', 'Merge a duplicate into another question of the room (host or moderator): votes summed', QuestionResponse, [...question, 'forbidden', 'invalid_merge'], { body: MergeBody }), async (req) => {
    write(req.actor.user.id);
    return { question: await mergeQuestions(deps, req.actor.user, req.params.id, req.params.questionId, req.body.intoId) };
  });
  app.post<Q>('/v1/rooms/:id/questions/:questionId/invite', onQuestion('inviteAsker', 'Invite the asker up to speak (host or moderator)', Ok, [...question, 'forbidden', 'conflict', 'room_managed_externally']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('inviteToSpeak', req.actor.user, req.params.id);
    await bringUpAsker(deps, req.actor.user, req.params.id, req.params.questionId);
    return { ok: true as const };
  });
  app.post<Q>('/v1/rooms/:id/questions/:questionId/answer-privately', onQuestion('answerPrivately', 'Answer privately: open (or reuse) the 1:1 with the asker, the question quoted (the room\'s host)', AnswerPrivatelyResponse, [...question, 'forbidden', 'self_action', 'cannot_message', 'request_pending', 'request_budget']), async (req) => {
    write(req.actor.user.id);
    return answerPrivately(deps, req.actor.user, req.params.id, req.params.questionId);
  });
}
