// Validation rules that refuse abusive documents before anything executes: too deep (nested
// selections, fragments followed) and too many aliases (alias bombs repeat one expensive field).
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/**
 * Field depth of selection sets in one document. Fragments and inline fragments do not add a
 * level, so a fragment's depth is the same wherever it is spread: each is measured once and
 * remembered, which keeps the walk linear in the document's size. Without the memo, fragments
 * spreading the next one twice (`fragment F0 on Query { ...F1 ...F1 }` …) double the work per level.
 */
class DocumentDepth {
  private readonly fragmentDepths = new Map<string, number>();
  /** Fragments being measured: a spread of one of them is a cycle (NoFragmentsCycles' error), which ends the walk. */
  private readonly inProgress = new Set<string>();

  constructor(private readonly fragments: Map<string, FragmentDefinitionNode>) {}

  of(set: SelectionSetNode): number {
    let max = 0;
    for (const s of set.selections) {
      let d = 0;
      if (s.kind === Kind.FIELD) {
        // Introspection (GraphiQL's schema query is deep by nature) is bounded by the schema.
        if (s.name.value.startsWith('__')) continue;
        d = s.selectionSet ? 1 + this.of(s.selectionSet) : 1;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        d = this.of(s.selectionSet);
      } else {
        d = this.ofFragment(s.name.value);
      }
      max = Math.max(max, d);
    }
    return max;
  }

  private ofFragment(name: string): number {
    const known = this.fragmentDepths.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.inProgress.has(name)) return 0;
    this.inProgress.add(name);
    const depth = this.of(fragment.selectionSet);
    this.inProgress.delete(name);
    this.fragmentDepths.set(name, depth);
    return depth;
  }
}

export function maxDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    let depths: DocumentDepth | undefined;
    return {
      OperationDefinition(node) {
        depths ??= new DocumentDepth(new Map(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d])));
        if (depths.of(node.selectionSet) > maxDepth) {
          context.reportError(tooComplex(`the query nests fields more than ${maxDepth} deep (the limit); ask for fewer nested levels, e.g. fetch nested items with a second query by id`));
        }
        return false;
      },
    };
  };
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
