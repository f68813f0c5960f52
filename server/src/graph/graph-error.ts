/** A question the store cannot answer as asked (unknown project, ambiguous name): the message says why. */
export class GraphError extends Error {
  override name = 'GraphError';
}
