export type OperationType = 'query' | 'mutation' | 'subscription';

/** The kind and name of a document's operation; a document without a keyword is a query. */
export function operationOf(document: string): { type: OperationType; name: string | undefined } {
  const match = /(?:^|[\s}])(query|mutation|subscription)\b\s*([_A-Za-z]\w*)?\s*[({@]/.exec(document);
  return { type: (match?.[1] as OperationType | undefined) ?? 'query', name: match?.[2] };
}
