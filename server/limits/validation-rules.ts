// Validation rules that refuse abusive documents before anything executes: too deep (nested
// selections, fragments followed) and too many aliases (alias bombs repeat one expensive field).
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/** What the limits measure of a selection set, with its fragments expanded. */
interface Shape {
  /** Field nesting; introspection fields (GraphiQL's schema query is deep by nature) are bounded by the schema and not counted. */
  depth: number;
  /** Selections (fields, spreads, inline fragments), each spread counted as often as it is reached: what executing and costing it visits. */
  selections: number;
}

/**
 * The shape of selection sets in one document. Fragments and inline fragments do not add a
 * level, so a fragment's shape is the same wherever it is spread: each is measured once and
 * remembered, which keeps the walk linear in the document's size. Without the memo, fragments
 * spreading the next one twice (`fragment F0 on Query { ...F1 ...F1 }` …) double the work per level.
 */
class DocumentShape {
  private readonly fragmentShapes = new Map<string, Shape>();
  /** Fragments being measured: a spread of one of them is a cycle (NoFragmentsCycles' error), which ends the walk. */
  private readonly inProgress = new Set<string>();
  private readonly fragments: Map<string, FragmentDefinitionNode>;

  constructor(context: ValidationContext) {
    const definitions = context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    this.fragments = new Map(definitions.map((d) => [d.name.value, d]));
  }

  of(set: SelectionSetNode): Shape {
    let depth = 0;
    let selections = 0;
    for (const s of set.selections) {
      let inner: Shape;
      if (s.kind === Kind.FIELD) {
        inner = s.selectionSet ? this.of(s.selectionSet) : { depth: 0, selections: 0 };
        if (!s.name.value.startsWith('__')) depth = Math.max(depth, 1 + inner.depth);
      } else {
        inner = s.kind === Kind.INLINE_FRAGMENT ? this.of(s.selectionSet) : this.ofFragment(s.name.value);
        depth = Math.max(depth, inner.depth);
      }
      selections += 1 + inner.selections;
    }
    return { depth, selections };
  }

  private ofFragment(name: string): Shape {
    const known = this.fragmentShapes.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.inProgress.has(name)) return { depth: 0, selections: 0 };
    this.inProgress.add(name);
    const shape = this.of(fragment.selectionSet);
    this.inProgress.delete(name);
    this.fragmentShapes.set(name, shape);
    return shape;
  }
}

/** A rule refusing operations whose shape `exceeds` says is over a limit, with that message. */
function shapeRule(exceeds: (shape: Shape) => string | null) {
  return (context: ValidationContext): ASTVisitor => {
    let shapes: DocumentShape | undefined;
    return {
      OperationDefinition(node) {
        const message = exceeds((shapes ??= new DocumentShape(context)).of(node.selectionSet));
        if (message) context.reportError(tooComplex(message));
        return false;
      },
    };
  };
}

export function maxDepthRule(maxDepth: number) {
  return shapeRule(({ depth }) =>
    depth > maxDepth ? `the query nests fields more than ${maxDepth} deep (the limit); ask for fewer nested levels, e.g. fetch nested items with a second query by id` : null,
  );
}

/**
 * Bounds the work of everything after validation (the cost walk, execution): a 1 kB document
 * whose fragments each spread the next twice selects millions of fields.
 */
export function maxSelectionsRule(maxSelections: number) {
  return shapeRule(({ selections }) =>
    selections > maxSelections ? `the query selects more than ${maxSelections} fields once its fragments are expanded (the limit); spread each fragment fewer times, or split the query` : null,
  );
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
