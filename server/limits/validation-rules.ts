// Validation rules that refuse abusive documents before anything executes: too deep (nested
// selections, fragments followed) and too many aliases (alias bombs repeat one expensive field).
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/** Depth of a selection set: fields nest, fragments and inline fragments do not add a level. */
function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>, stopAt: number): number {
  let max = 0;
  for (const s of set.selections) {
    let d = 0;
    if (s.kind === Kind.FIELD) {
      // Introspection (GraphiQL's schema query is deep by nature) is bounded by the schema.
      if (s.name.value.startsWith('__')) continue;
      d = s.selectionSet ? 1 + depthOf(s.selectionSet, fragments, seen, stopAt - 1) : 1;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      d = depthOf(s.selectionSet, fragments, seen, stopAt);
    } else {
      const fragment = fragments.get(s.name.value);
      // A cycle is NoFragmentsCycles' error; here it just ends the walk.
      if (!fragment || seen.has(s.name.value)) continue;
      seen.add(s.name.value);
      d = depthOf(fragment.selectionSet, fragments, seen, stopAt);
      seen.delete(s.name.value);
    }
    max = Math.max(max, d);
    if (max > stopAt) return max;
  }
  return max;
}

export function maxDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments = new Map(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      const depth = depthOf(node.selectionSet, fragments, new Set(), maxDepth);
      if (depth > maxDepth) {
        context.reportError(tooComplex(`the query nests fields more than ${maxDepth} deep (the limit); ask for fewer nested levels, e.g. fetch nested items with a second query by id`));
      }
      return false;
    },
  });
}

export function maxAliasesRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === maxAliases + 1) {
          context.reportError(tooComplex(`the query has more than ${maxAliases} aliased fields (the limit); send fewer aliases, or several requests`));
        }
      },
    };
  };
}
