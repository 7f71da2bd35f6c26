/** Storage port of the server secrets all nodes derive keys from (stream cursors, docs/subsystems/delivery.md). */
export interface SecretsRepo {
  /**
   * The secret stored under `name` (inside a write); the first writer's `candidate` becomes it,
   * so every node that asks, at any time, gets the same value.
   */
  get(name: string, candidate: string, now: number): Promise<string>;
}
