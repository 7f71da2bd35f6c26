/**
 * A room's Q&A over HTTP (docs/subsystems/rooms.md, "Q&A"). Parse → action → present; every rule
 * is in domain/questions. Question changes arrive as room events on the socket (`room.subscribe`),
 * vote counts as coalesced `room.qa_votes` frames.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
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
  const onRoom = (summary: string, response: object, extra: Record<string, object> = {}) => ({ schema: { tags, summary, params: IdParams, response: { 200: response }, ...extra }, preHandler: auth });
  const onQuestion = (summary: string, response: object, extra: Record<string, object> = {}) => ({ schema: { tags, summary, params: QuestionParams, response: { 200: response }, ...extra }, preHandler: auth });

  app.get<Id>('/v1/rooms/:id/questions', onRoom('The room\'s Q&A: settings, questions by votes then age, the ones you voted for (read-only with the replay after the end)', QuestionList), async (req) =>
    listQuestions(deps, req.actor.user, req.params.id),
  );
  app.patch<Id & { Body: Static<typeof QaSettingsBody> }>('/v1/rooms/:id/qa', onRoom('Switch Q&A on/off, or approval before questions show (host or moderator)', QaSettingsResponse, { body: QaSettingsBody }), async (req) => {
    write(req.actor.user.id);
    return { qa: await setQaSettings(deps, req.actor.user, req.params.id, req.body) };
  });
  app.post<Id & { Body: Static<typeof AskBody> }>('/v1/rooms/:id/questions', onRoom('Ask a question (≤ 280 characters; a few open per person, one per interval)', QuestionResponse, { body: AskBody }), async (req) => {
    write(req.actor.user.id);
    return { question: await askQuestion(deps, req.actor.user, req.params.id, req.body) };
  });
  app.post<Q & { Body: Static<typeof VoteBody> }>('/v1/rooms/:id/questions/:questionId/vote', onQuestion('Set your vote on a question (`voted: true|false`; setting what is already so changes nothing)', VoteResponse, { body: VoteBody }), async (req) => {
    write(req.actor.user.id);
    return voteQuestion(deps, req.actor.user, req.params.id, req.params.questionId, req.body.voted);
  });
  app.patch<Q & { Body: Static<typeof QuestionStateBody> }>('/v1/rooms/:id/questions/:questionId', onQuestion('Move a question (pending, on stage, answered, dismissed) or approve / hide it (host or moderator)', QuestionResponse, { body: QuestionStateBody }), async (req) => {
    write(req.actor.user.id);
    return { question: await setQuestionState(deps, req.actor.user, req.params.id, req.params.questionId, req.body) };
  });
  app.post<Q>('/v1/rooms/:id/questions/:questionId/take', onQuestion('Put a pending question on stage (anyone on the stage: the backstage card)', QuestionResponse), async (req) => {
    write(req.actor.user.id);
    return { question: await takeQuestion(deps, req.actor.user, req.params.id, req.params.questionId) };
  });
  app.post<Q & { Body: Static<typeof MergeBody> }>('/v1/rooms/:id/questions/:questionId/merge', onQuestion('Merge a duplicate into another question of the room (host or moderator): votes summed, each voter once, askers credited', QuestionResponse, { body: MergeBody }), async (req) => {
    write(req.actor.user.id);
    return { question: await mergeQuestions(deps, req.actor.user, req.params.id, req.params.questionId, req.body.intoId) };
  });
  app.post<Q>('/v1/rooms/:id/questions/:questionId/invite', onQuestion('Invite the asker up to speak (host or moderator)', Ok), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('inviteToSpeak', req.actor.user, req.params.id);
    await bringUpAsker(deps, req.actor.user, req.params.id, req.params.questionId);
    return { ok: true as const };
  });
  app.post<Q>('/v1/rooms/:id/questions/:questionId/answer-privately', onQuestion('Answer privately: open (or reuse) the 1:1 with the asker, starting with the question quoted (the room\'s host)', AnswerPrivatelyResponse), async (req) => {
    write(req.actor.user.id);
    return answerPrivately(deps, req.actor.user, req.params.id, req.params.questionId);
  });
}
