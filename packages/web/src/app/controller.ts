/**
 * The composition root of the controller: the session (sign up, log in, restore, log out), its
 * socket (wired in core/socket.ts), and one part per feature (features/<name>/controller.ts), each given only what
 * it uses. Screens call intent-named methods on those parts and read the store; they never fetch
 * on their own.
 *
 * Start-up order avoids losing events between the HTTP load and the socket: take the stream head
 * first (`syncHead`), load the lists, then resume the socket from that head, so anything that
 * happened during the load is replayed (the reducers are idempotent, so overlaps are harmless).
 *
 * Adding a feature's controller: write features/<name>/controller.ts (a class taking
 * `ControllerDeps` and the parts it needs), add a field below, and, if it reacts to socket events,
 * call its `onEvent` from `receive`.
 */
import type { DurableEvent, Me, SignupBody } from '@backchannel/protocol';
import { BackchannelClient, BackchannelError, type BackchannelSocket } from '@backchannel/sdk';
import type { ControllerDeps } from '../core/client.js';
import { wireSocket } from '../core/socket.js';
import { Store } from '../core/store.js';
import { ConversationController, outboxAction } from '../features/conversation/controller.js';
import { GroupsController } from '../features/groups/controller.js';
import { InboxController } from '../features/inbox/controller.js';
import { ModerationController } from '../features/moderation/controller.js';
import { ProfileController } from '../features/profile/controller.js';
import { PeopleResolver, peopleIn } from '../features/profile/people.js';
import { RequestsController } from '../features/requests/controller.js';
import { RoomsController } from '../features/rooms/controller.js';
import { QuestionsController } from '../features/questions/controller.js';
import { initialState, reduce } from './state.js';

const TOKEN_KEY = 'backchannel.token';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class AppController {
  readonly store = new Store(reduce, initialState);
  readonly client: BackchannelClient;
  private socket: BackchannelSocket | null = null;
  private generation = 0;
  private readonly deps: ControllerDeps;
  private readonly people: PeopleResolver;
  readonly inbox: InboxController;
  readonly conversation: ConversationController;
  readonly requests: RequestsController;
  readonly groups: GroupsController;
  readonly profile: ProfileController;
  readonly moderation: ModerationController;
  readonly rooms: RoomsController;
  readonly questions: QuestionsController;

  constructor(
    baseUrl: string,
    private readonly storage: KeyValueStorage,
  ) {
    this.client = new BackchannelClient({ baseUrl });
    this.deps = { store: this.store, client: this.client, socket: () => this.socket };
    this.people = new PeopleResolver(
      (id) => this.client.profile(id),
      (id) => id === this.store.getState().session.me?.id || this.store.getState().people.byId[id] !== undefined,
      (users) => this.store.dispatch({ type: 'people.loaded', users }),
    );
    this.inbox = new InboxController(this.deps, this.people);
    this.conversation = new ConversationController(this.deps, this.inbox, this.people);
    this.requests = new RequestsController(this.deps, this.inbox, this.conversation);
    this.groups = new GroupsController(this.deps, this.inbox);
    this.profile = new ProfileController(this.deps);
    this.moderation = new ModerationController(this.deps);
    this.rooms = new RoomsController(this.deps);
    this.questions = new QuestionsController(this.deps);
  }

  private restoring: Promise<boolean> | null = null;

  /** Resumes a saved session; false when there is none or it expired. Safe to call twice (StrictMode). */
  restore(): Promise<boolean> {
    this.restoring ??= this.doRestore();
    return this.restoring;
  }

  private async doRestore(): Promise<boolean> {
    const token = this.storage.getItem(TOKEN_KEY);
    if (!token) return false;
    this.client.setToken(token);
    try {
      await this.start(await this.client.me());
      return true;
    } catch (err) {
      if (err instanceof BackchannelError && err.code === 'unauthorized') this.forget();
      else throw err;
      return false;
    }
  }

  async signup(body: SignupBody): Promise<void> {
    const session = await this.client.signup(body);
    this.storage.setItem(TOKEN_KEY, session.token);
    await this.start(session.user);
  }

  async login(username: string, password: string): Promise<void> {
    const session = await this.client.login({ username, password });
    this.storage.setItem(TOKEN_KEY, session.token);
    await this.start(session.user);
  }

  async logout(): Promise<void> {
    try {
      await this.client.logout();
    } finally {
      this.forget();
    }
  }

  /** Sets a new password with an operator's one-time reset token (signed out; nothing else changes here). */
  resetPassword(token: string, password: string): Promise<void> {
    return this.client.resetPassword({ token, password });
  }

  /** Deletes the account (the password again); on success the app is signed out like a logout. */
  async deleteAccount(password: string): Promise<void> {
    await this.client.deleteAccount(password);
    this.forget();
  }

  private async start(me: Me): Promise<void> {
    const generation = ++this.generation;
    this.socket?.close();
    this.people.reset();
    this.store.dispatch({ type: 'session.started', me });
    this.store.dispatch({ type: 'connection', state: 'connecting' });
    const head = await this.client.syncHead();
    await this.inbox.loadLists();
    if (generation !== this.generation) return; // logged out (or in again) meanwhile
    this.socket = this.client.socket({ cursor: head.cursor });
    wireSocket(this.socket, {
      live: () => generation === this.generation,
      dispatch: this.store.dispatch,
      receive: (event) => this.receive(event),
      outbox: (entry) => this.store.dispatch(outboxAction(entry, new Date().toISOString())),
      unauthorized: () => this.forget(),
      // Too far behind to replay: reload what we show.
      resync: async () => {
        await this.inbox.loadLists();
        await this.conversation.reloadOpened();
      },
    });
    this.rooms.attach(this.socket, () => generation === this.generation);
    this.questions.attach(this.socket, () => generation === this.generation);
    this.socket.connect();
  }

  /** A durable event from the socket: into the store, then what it sets off in each feature. */
  receive(event: DurableEvent): void {
    this.store.dispatch({ type: 'event', event, now: Date.now() });
    this.inbox.onEvent(event);
    if (event.type === 'message.created') this.people.want(peopleIn([event.data.message]));
    this.requests.onEvent(event);
  }

  private forget(): void {
    this.generation++;
    this.socket?.close();
    this.socket = null;
    this.client.setToken(undefined);
    this.storage.removeItem(TOKEN_KEY);
    this.store.dispatch({ type: 'session.ended' });
  }
}
